<?php
// PHP ext/soap SoapServer serving fixtures/copernica/copernica-rpc.wsdl with
// an in-memory Copernica (login, Account_databases, Database_createProfile,
// Database_searchProfiles, Profile_updateFields), for interop tests of the
// generated Rust client. Started by the test as
//   php -S 127.0.0.1:PORT copernica.php
// with SOAPGEN_WSDL (the WSDL path) and SOAPGEN_STATE (a JSON file that
// keeps the store between requests: `php -S` runs the script per request).

ini_set('soap.wsdl_cache_enabled', '0');

function state_path() { return getenv('SOAPGEN_STATE'); }

function load_state() {
    $p = state_path();
    if ($p && is_file($p)) {
        $s = json_decode(file_get_contents($p), true);
        if (is_array($s)) { return $s; }
    }
    return ['profiles' => []];
}

function save_state($s) { file_put_contents(state_path(), json_encode($s)); }

function api_fault($message, $code) {
    // The fault name selects the WSDL fault (ApiFault) whose part encodes the detail.
    return new SoapFault('Server', $message, null, ['message' => $message, 'code' => $code], 'ApiFault');
}

function authorise($p) {
    if (!isset($p->access_token) || $p->access_token !== 'token-1') {
        throw api_fault('invalid access token', 403);
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

class Copernica {
    public function login($p) {
        if ($p->username === 'user@example.com' && $p->password === 'secret') {
            return ['value' => '1'];
        }
        throw api_fault('wrong user name or password', 401);
    }

    public function Account_databases($p) {
        authorise($p);
        return paged('database', [
            ['id' => 1, 'name' => 'clients', 'archived' => false],
            ['id' => 2, 'name' => 'prospects & leads'],
        ]);
    }

    public function Database_createProfile($p) {
        authorise($p);
        $s = load_state();
        $id = 100 + count($s['profiles']);
        $s['profiles'][] = ['id' => $id, 'database' => (int)$p->id, 'fields' => pairs_of($p->fields)];
        save_state($s);
        return ['value' => (string)$id];
    }

    public function Database_searchProfiles($p) {
        authorise($p);
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
            if ($ok) { $found[] = ['id' => $profile['id'], 'fields' => map_of($profile['fields'])]; }
        }
        return paged('profile', $found);
    }

    public function Profile_updateFields($p) {
        authorise($p);
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
