<?php
// PHP ext/soap SoapServer serving fixtures/copernica/copernica-rpc.wsdl with an
// in-memory Copernica that authenticates by the legacy session login: `login`
// sets a `soap_session` cookie and every other call requires it. Unlike
// tests/soap-e2e/php/copernica.php (which checks an access token and answers
// createProfile with a scalar id) this answers the way the object model
// (crates/copernica/src/objects) expects: createProfile returns the profile
// entity. Started by tests/object_model_php.rs as
//   php -S 127.0.0.1:PORT copernica_session.php
// with SOAPGEN_WSDL (the WSDL path) and SOAPGEN_STATE (a JSON file that keeps
// the store between requests: `php -S` runs the script per request).

ini_set('soap.wsdl_cache_enabled', '0');

function load_state() {
    $p = getenv('SOAPGEN_STATE');
    if ($p && is_file($p)) {
        $s = json_decode(file_get_contents($p), true);
        if (is_array($s)) { return $s; }
    }
    return ['profiles' => [], 'sessions' => []];
}

function save_state($s) { file_put_contents(getenv('SOAPGEN_STATE'), json_encode($s)); }

function api_fault($message, $code) {
    return new SoapFault('Server', $message, null, ['message' => $message, 'code' => $code], 'ApiFault');
}

// The session cookie must be one that `login` handed out.
function authorise() {
    $s = load_state();
    $sid = isset($_COOKIE['soap_session']) ? $_COOKIE['soap_session'] : '';
    if ($sid === '' || !in_array($sid, $s['sessions'], true)) {
        throw api_fault('Not logged on', 401);
    }
}

function pairs_of($map) {
    $out = [];
    if (!isset($map->pair)) { return $out; }
    $pairs = is_array($map->pair) ? $map->pair : [$map->pair];
    foreach ($pairs as $pair) {
        $out[$pair->key] = isset($pair->value) ? (string)$pair->value : '';
    }
    return $out;
}

function map_of($fields) {
    $pairs = [];
    foreach ($fields as $k => $v) { $pairs[] = ['key' => (string)$k, 'value' => $v]; }
    return ['pair' => $pairs];
}

function paged($kind, $items) {
    return ['start' => 0, 'length' => count($items), 'total' => count($items), 'items' => [$kind => $items]];
}

function profile_out($profile) {
    return ['id' => $profile['id'], 'fields' => map_of($profile['fields'])];
}

class Copernica {
    public function login($p) {
        $account = isset($p->account) ? $p->account : '';
        if ($p->username === 'user@example.com' && $p->password === 'secret' && $account === 'acme') {
            $s = load_state();
            $sid = 'sess-' . (count($s['sessions']) + 1);
            $s['sessions'][] = $sid;
            save_state($s);
            setcookie('soap_session', $sid);
            return ['value' => '1'];
        }
        throw api_fault('Invalid login', 401);
    }

    public function Account_databases($p) {
        authorise();
        return paged('database', [
            ['id' => 1, 'name' => 'clients', 'archived' => false],
            ['id' => 2, 'name' => 'prospects & leads'],
        ]);
    }

    public function Database_createProfile($p) {
        authorise();
        $s = load_state();
        $id = 100 + count($s['profiles']);
        $profile = ['id' => $id, 'database' => (int)$p->id, 'fields' => pairs_of($p->fields)];
        $s['profiles'][] = $profile;
        save_state($s);
        return ['profile' => profile_out($profile)];
    }

    public function Database_searchProfiles($p) {
        authorise();
        $s = load_state();
        $reqs = isset($p->requirements->requirement) ? $p->requirements->requirement : [];
        if (!is_array($reqs)) { $reqs = [$reqs]; }
        $found = [];
        foreach ($s['profiles'] as $profile) {
            if ($profile['database'] !== (int)$p->id) { continue; }
            $ok = true;
            foreach ($reqs as $r) {
                $want = isset($r->value) ? (string)$r->value : '';
                if (!isset($profile['fields'][$r->fieldname]) || $profile['fields'][$r->fieldname] !== $want) { $ok = false; }
            }
            if ($ok) { $found[] = profile_out($profile); }
        }
        return paged('profile', $found);
    }

    public function Profile_updateFields($p) {
        authorise();
        $s = load_state();
        foreach ($s['profiles'] as $i => $profile) {
            if ($profile['id'] === (int)$p->id) {
                foreach (pairs_of($p->fields) as $k => $v) { $s['profiles'][$i]['fields'][$k] = $v; }
                save_state($s);
                return ['value' => '1'];
            }
        }
        throw api_fault('no such profile', 404);
    }
}

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Content-Type: text/xml');
    readfile(getenv('SOAPGEN_WSDL'));
    return;
}
$server = new SoapServer(getenv('SOAPGEN_WSDL'), ['cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass('Copernica');
$server->handle();
