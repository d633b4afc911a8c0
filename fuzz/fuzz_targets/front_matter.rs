//! Any file in content/: splitting and parsing its front matter returns a
//! value or an error with a line inside the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilcrow::content::front_matter;

fuzz_target!(|text: &str| {
    // YAML breaks lines at a lone CR too: count both.
    let lines = text.matches(['\n', '\r']).count() + 1;
    match front_matter::split(text) {
        Ok(split) => {
            if let Err(e) = front_matter::parse(&split) {
                assert!(e.line >= 1 && e.line <= lines, "{e:?}");
            }
        }
        Err(e) => assert!(e.line >= 1 && e.line <= lines, "{e:?}"),
    }
});
