//! XML bodies compared after canonicalisation: whitespace around text trimmed, whitespace-only
//! text between elements dropped, attributes (namespace declarations included) sorted.

use quick_xml::events::Event;

/// A canonical text form of `xml`, or why it is not well-formed.
pub(crate) fn canonical(xml: &[u8]) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let flush = |text: &mut String, out: &mut String| {
            let trimmed = text.trim();
            if !trimmed.is_empty() {
                out.push_str(&escape(trimmed));
            }
            text.clear();
        };
        match event {
            Event::Start(start) | Event::Empty(start) => {
                flush(&mut text, &mut out);
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                let mut attributes: Vec<(String, String)> = start
                    .attributes()
                    .map(|a| {
                        let a = a.map_err(|e| e.to_string())?;
                        let value =
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
                        Ok((String::from_utf8_lossy(a.key.as_ref()).into_owned(), value.into_owned()))
                    })
                    .collect::<Result<_, String>>()?;
                attributes.sort();
                out.push('<');
                out.push_str(&name);
                for (key, value) in attributes {
                    out.push_str(&format!(" {key}=\"{}\"", escape(&value)));
                }
                out.push('>');
                if is_empty_event(xml, &reader) {
                    out.push_str(&format!("</{name}>"));
                }
            }
            Event::End(end) => {
                flush(&mut text, &mut out);
                out.push_str(&format!("</{}>", String::from_utf8_lossy(end.name().as_ref())));
            }
            Event::Text(t) => text.push_str(&t.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(c) => text.push_str(&c.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let resolved = match &*name {
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "amp" => "&".to_owned(),
                    "apos" => "'".to_owned(),
                    "quot" => "\"".to_owned(),
                    _ => r.resolve_char_ref().map_err(|e| e.to_string())?.map(String::from).ok_or("unknown entity")?,
                };
                text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Whether the start tag just read was self-closing (`<a/>`), judged from the input.
fn is_empty_event(xml: &[u8], reader: &quick_xml::Reader<&[u8]>) -> bool {
    let end = usize::try_from(reader.buffer_position()).unwrap_or(0);
    end >= 2 && xml.get(end - 2) == Some(&b'/')
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
