//! Shared, safe XML reading for the XML formats (no DTDs, no custom entities, bounded depth).

use quick_xml::events::Event;
use quick_xml::Reader;

/// The local name (namespace prefix stripped) of the document's root element, if it has one.
pub fn root_local_name(document: &str) -> Option<String> {
    let mut reader = Reader::from_str(document);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.local_name();
                return Some(String::from_utf8_lossy(name.as_ref()).into_owned());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}
