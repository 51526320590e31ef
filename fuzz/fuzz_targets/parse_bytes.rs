#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_fuzz::targets::parse_bytes(data));
