#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_fuzz::targets::codegen(data));
