//! XML bodies compared after canonicalisation: whitespace around text trimmed, whitespace-only
//! text between elements dropped, attributes (namespace declarations included) sorted, sibling
//! elements in name order (a list's items keep theirs), a default namespace its parent already
//! declares dropped.

use quick_xml::events::Event;

/// An element read: its name, sorted attributes, text and children.
#[derive(Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    /// Writes the element: children sorted by name (stable, so the items of a list keep their
    /// order: in the AWS XML protocols the order of a structure's members carries nothing),
    /// a default namespace the parent already declares left out.
    fn write(&self, inherited: Option<&str>, out: &mut String) {
        let declared = self.attributes.iter().find(|(key, _)| key == "xmlns").map(|(_, value)| value.as_str());
        out.push('<');
        out.push_str(&self.name);
        for (key, value) in &self.attributes {
            if key == "xmlns" && declared == inherited {
                continue;
            }
            out.push_str(&format!(" {key}=\"{}\"", escape(value)));
        }
        out.push('>');
        let trimmed = self.text.trim();
        out.push_str(&escape(trimmed));
        let mut children: Vec<&Element> = self.children.iter().collect();
        children.sort_by(|a, b| a.name.cmp(&b.name));
        for child in children {
            child.write(declared.or(inherited), out);
        }
        out.push_str(&format!("</{}>", self.name));
    }
}

/// A canonical text form of `xml`, or why it is not well-formed.
pub(crate) fn canonical(xml: &[u8]) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let top = stack.last_mut().ok_or("unbalanced")?;
        match event {
            Event::Start(start) | Event::Empty(start) => {
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
                let element = Element { name, attributes, ..Element::default() };
                if is_empty_event(xml, &reader) {
                    top.children.push(element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("unbalanced")?;
                stack.last_mut().ok_or("unbalanced")?.children.push(element);
            }
            Event::Text(t) => top.text.push_str(&t.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(c) => top.text.push_str(&c.decode().map_err(|e| e.to_string())?),
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
                top.text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let [document] = <[Element; 1]>::try_from(stack).map_err(|_| "unclosed elements".to_owned())?;
    let mut out = String::new();
    for root in &document.children {
        root.write(None, &mut out);
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
