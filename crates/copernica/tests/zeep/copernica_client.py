"""An independent SOAP client for the mock: python zeep, driven only by the WSDL the
mock serves. Usage: copernica_client.py <wsdl-url>. Prints one JSON line with what it
saw; exits non-zero on any failure (the Rust test checks both).
"""

import json
import sys

import zeep
import zeep.exceptions


def main(wsdl_url):
    client = zeep.Client(wsdl_url)  # zeep's requests session keeps the soap_ cookie
    service = client.service

    # rpc/literal: one part `parameters`; document/literal wrapped: one child
    # `parameters` of the wrapper element -> the same call in both flavours.
    service.login(parameters={"username": "admin", "password": "secret", "account": "mock"})
    cookies = sorted(c.name for c in client.transport.session.cookies)

    db = service.Account_createDatabase(parameters={"name": "zeep"}).database.id
    service.Database_createField(parameters={"id": db, "name": "email", "type": "email"})
    service.Database_createField(parameters={"id": db, "name": "city", "type": "text"})
    created = []
    for email, city in [("ann@example.com", "Utrecht"), ("bob@example.com", "Delft")]:
        fields = {"pair": [{"key": "email", "value": email}, {"key": "city", "value": city}]}
        profile = service.Database_createProfile(parameters={"id": db, "fields": fields}).profile
        created.append(profile.id)

    requirements = {"requirement": [{"fieldname": "city", "value": "Delft", "operator": "="}]}
    found = service.Database_searchProfiles(
        parameters={"id": db, "requirements": requirements, "allproperties": True}
    )
    hits = [
        {"id": p.id, "fields": {pair.key: pair.value for pair in p.fields.pair}}
        for p in found.items.profile
    ]

    fault = None
    try:
        service.Account_databases(parameters={"access_token": "wrong"})
    except zeep.exceptions.Fault as f:
        # Cookie still valid, but a wrong token is not: the mock checks the token
        # first only when no session is sent, so drop the cookie for this call.
        fault = {"message": f.message, "code": f.code}
    if fault is None:
        client.transport.session.cookies.clear()
        try:
            service.Account_databases(parameters={"access_token": "wrong"})
        except zeep.exceptions.Fault as f:
            fault = {"message": f.message, "code": f.code}

    print(
        json.dumps(
            {
                "zeep": zeep.__version__,
                "cookies": cookies,
                "database": db,
                "created": created,
                "total": found.total,
                "hits": hits,
                "fault": fault,
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: copernica_client.py <wsdl-url>")
    main(sys.argv[1])
