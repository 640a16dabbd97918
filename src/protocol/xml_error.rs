//! Writing the XML error documents: restXml's and awsQuery's `<ErrorResponse><Error>`, S3's
//! bare `<Error>`, ec2Query's `<Response><Errors><Error>`.

use super::reply::ErrorBody;
use crate::error::{Error, Result};
use crate::schema::XmlNamespace;
use crate::value::{Structure, Value};
use crate::xml::{self, XmlSettings};

/// Where the `<Error>` element sits and what goes beside it.
pub(super) enum XmlErrorForm<'a> {
    /// `<ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>`
    /// (restXml, awsQuery).
    Wrapped(Option<&'a XmlNamespace>),
    /// `<Error><Code/><Message/>…<RequestId/></Error>` (S3).
    Bare,
    /// `<Response><Errors><Error><Code/><Message/>…</Error></Errors><RequestID/></Response>`
    /// (ec2Query).
    Ec2,
}

/// The error document of `error`, whose body members are `members` (the header-bound ones
/// already taken out).
pub(super) fn write(
    form: XmlErrorForm<'_>,
    error: &ErrorBody<'_, '_>,
    members: Structure,
    request_id: Option<&str>,
    settings: &XmlSettings,
) -> Result<Vec<u8>> {
    let code = error.error.code.as_str();
    let mut fields: Vec<(&str, Option<String>)> = Vec::with_capacity(3);
    if !matches!(form, XmlErrorForm::Ec2) {
        fields.push(("Type", Some(error.fault_name().to_owned())));
    }
    fields.push(("Code", Some(code.to_owned())));
    fields.push(("Message", error.error.message.clone()));
    let members = envelope_members(error, members, &mut fields)?;

    let mut head = Vec::new();
    for (name, text) in fields {
        if let Some(text) = text {
            xml::text_element(name, &text, &mut head)?;
        }
    }
    let mut tail = Vec::new();
    if let (XmlErrorForm::Bare, Some(id)) = (&form, request_id) {
        xml::text_element("RequestId", id, &mut tail)?;
    }
    let error_element = match error.shape() {
        Some(shape) => xml::encode_framed(&Value::Structure(members), shape, ("Error", None), settings, &head, &tail)?,
        None => [b"<Error>".as_slice(), &head, &tail, b"</Error>"].concat(),
    };

    let mut out = Vec::with_capacity(error_element.len() + 96);
    match form {
        XmlErrorForm::Bare => out = error_element,
        XmlErrorForm::Wrapped(namespace) => {
            xml::start_tag("ErrorResponse", namespace, &mut out)?;
            out.extend_from_slice(&error_element);
            if let Some(id) = request_id {
                xml::text_element("RequestId", id, &mut out)?;
            }
            out.extend_from_slice(b"</ErrorResponse>");
        }
        XmlErrorForm::Ec2 => {
            out.extend_from_slice(b"<Response><Errors>");
            out.extend_from_slice(&error_element);
            out.extend_from_slice(b"</Errors>");
            if let Some(id) = request_id {
                xml::text_element("RequestID", id, &mut out)?;
            }
            out.extend_from_slice(b"</Response>");
        }
    }
    Ok(out)
}

/// The members left to write once the envelope's `<Type>`, `<Code>` and `<Message>` are
/// known: a member whose element has one of those names is the envelope's (XML has one such
/// element), so it must agree with the envelope, or fill in a message the error left out.
fn envelope_members(
    error: &ErrorBody<'_, '_>,
    mut members: Structure,
    fields: &mut [(&str, Option<String>)],
) -> Result<Structure> {
    let Some(shape) = error.shape() else { return Ok(members) };
    for member in shape.members() {
        let Some(field) = fields.iter_mut().find(|(name, _)| *name == member.xml_name()) else { continue };
        let Some(value) = members.remove(member.name().as_str()) else { continue };
        match (&field.1, value) {
            (_, Value::Null) => {}
            (Some(envelope), Value::String(text)) if *envelope == text => {}
            (None, Value::String(text)) => field.1 = Some(text),
            (envelope, _) => {
                return Err(member.annotate(Error::data(format!(
                    "the error's <{}> is {:?}; this member is written as that one element and cannot differ",
                    field.0,
                    envelope.as_deref().unwrap_or_default()
                ))));
            }
        }
    }
    Ok(members)
}
