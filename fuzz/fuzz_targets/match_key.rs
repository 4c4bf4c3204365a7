#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| marsad_fuzzcheck::targets::match_key(data));
