"""zeep as a client of the generated Rust servers (started by the Rust test).

Usage:
  zeep_client.py copernica WSDL URL
  zeep_client.py calculator WSDL URL_SOAP11 URL_SOAP12

Exits non-zero (with a message) when a result is not the expected one.
"""
import sys

import zeep
from zeep.exceptions import Fault


def check(cond, what):
    if not cond:
        print("FAILED: " + what)
        sys.exit(1)


def copernica(wsdl, url):
    client = zeep.Client(wsdl)
    svc = client.create_service("{https://soap.copernica.com/}POMBinding", url)
    r = svc.login(parameters={"username": "user@example.com", "password": "secret"})
    check(r.value == "1", "login result value: %r" % (r,))
    try:
        svc.login(parameters={"username": "user@example.com", "password": "bad"})
        check(False, "wrong password must fault")
    except Fault as f:
        check(f.message == "wrong user name or password", "fault message %r" % f.message)
        detail = f.detail
        check(detail is not None, "fault detail present")
        api = detail[0]
        check(api.tag == "{https://soap.copernica.com/}ApiFault", "detail element %s" % api.tag)
        check(api.findtext("code") == "401", "detail code %r" % api.findtext("code"))
    token = "token-1"
    r = svc.Account_databases(parameters={"access_token": token, "start": 0, "length": 10})
    names = [d.name for d in r["items"].database]
    check(names == ["clients", "prospects & leads"], "databases %r" % names)
    created = svc.Database_createProfile(
        parameters={
            "id": 1,
            "fields": {"pair": [{"key": "email", "value": "z@example.com"}, {"key": "city", "value": "Zeist"}]},
            "access_token": token,
        }
    )
    check(created.value == "100", "created id %r" % created.value)
    found = svc.Database_searchProfiles(
        parameters={
            "id": 1,
            "requirements": {"requirement": [{"fieldname": "city", "value": "Zeist", "operator": "="}]},
            "access_token": token,
        }
    )
    check(found.total == 1 and found["items"].profile[0].id == 100, "search %r" % found)
    updated = svc.Profile_updateFields(
        parameters={"id": 100, "fields": {"pair": [{"key": "city", "value": "Zeist & Co"}]}, "access_token": token}
    )
    check(updated.value == "1", "update %r" % updated)
    found = svc.Database_searchProfiles(
        parameters={
            "id": 1,
            "requirements": {"requirement": [{"fieldname": "city", "value": "Zeist & Co"}]},
            "access_token": token,
        }
    )
    check(found.total == 1, "search after update %r" % found)


def calculator(wsdl, url11, url12):
    client = zeep.Client(wsdl)
    s11 = client.create_service("{http://tempuri.org/}CalculatorSoap", url11)
    s12 = client.create_service("{http://tempuri.org/}CalculatorSoap12", url12)
    check(s11.Add(intA=2, intB=40) == 42, "Add over SOAP 1.1")
    check(s12.Add(intA=-2, intB=40) == 38, "Add over SOAP 1.2")
    check(s12.Subtract(intA=2, intB=40) == -38, "Subtract over SOAP 1.2")
    for svc in (s11, s12):
        try:
            svc.Divide(intA=1, intB=0)
            check(False, "division by zero must fault")
        except Fault as f:
            check(f.message == "division by zero", "fault message %r" % f.message)


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "copernica":
        copernica(sys.argv[2], sys.argv[3])
    elif kind == "calculator":
        calculator(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        print("unknown scenario " + kind)
        sys.exit(2)
    print("OK")
