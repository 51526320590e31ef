//! soapgen-rust: the IR to Rust items (types, XML readers and writers,
//! SOAP clients and server skeletons).
