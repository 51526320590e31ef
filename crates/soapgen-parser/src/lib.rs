//! soapgen-parser: WSDL 1.1 and XML Schema documents to a syntax model that
//! keeps source locations, loaded through a pluggable `Loader`.
