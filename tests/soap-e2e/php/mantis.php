<?php
// PHP ext/soap SoapServer serving the rpc/encoded MantisConnect WSDL
// (fixtures/corpus/mantisconnect) with a few operations, for interop tests
// of the generated Rust client: SOAP-ENC arrays, xsi:type on every value.
// Started by the test as `php -S 127.0.0.1:PORT mantis.php` with SOAPGEN_WSDL.

ini_set('soap.wsdl_cache_enabled', '0');

class Mantis {
    public function mc_version() {
        return '1.2.19';
    }

    public function mc_enum_status($username, $password) {
        if ($username !== 'administrator' || $password !== 'root') {
            throw new SoapFault('Client', 'Access denied');
        }
        return [
            ['id' => 10, 'name' => 'new'],
            ['id' => 50, 'name' => 'assigned'],
            ['id' => 90, 'name' => 'closed & done'],
        ];
    }

    public function mc_project_get_id_from_name($username, $password, $project_name) {
        return $project_name === 'soapgen' ? 7 : 0;
    }
}

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Content-Type: text/xml');
    readfile(getenv('SOAPGEN_WSDL'));
    return;
}
$server = new SoapServer(getenv('SOAPGEN_WSDL'), ['cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass('Mantis');
$server->handle();
