//! Event streams on the command line: a streaming response's events printed as JSON Lines as
//! its frames arrive, and JSON Lines of events written as frames.

use std::io::{BufRead as _, Read as _};
use std::path::Path;
use std::process::ExitCode;

use awsval::event_stream::Message;
use awsval::json::{self, JsonSettings};
use awsval::protocol::{EventReader, HttpResponse, Protocol, ReadOptions, events};
use awsval::schema::{OperationRef, ShapeRef};
use awsval::{Error, Result, Value};

use crate::codec::{error_json, io_error, plain, write_stdout};

fn line(json: &serde_json::Value) -> Result<()> {
    let mut text = serde_json::to_vec(json).map_err(|e| Error::data(e.to_string()))?;
    text.push(b'\n');
    write_stdout(&text)
}

/// Reads the body of a response to a streaming operation from `input` (a file, or standard
/// input as it arrives) and prints its output's other members, then one event a line (an
/// exception as `{"error": ...}`).
pub(crate) fn decode_events(
    protocol: Protocol,
    operation: OperationRef<'_>,
    head: &HttpResponse,
    input: Option<&Path>,
    options: &ReadOptions,
) -> Result<ExitCode> {
    let mut reader = match EventReader::new(protocol, operation, head, options)? {
        Ok(reader) => reader,
        Err(error) => {
            line(&error_json(&error)?)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let mut source = source(input)?;
    let union = reader.stream_member().target();
    let mut initial_printed = false;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = source.read(&mut buffer)?;
        reader.push(&buffer[..read]);
        while let Some(event) = reader.next_event()? {
            print_initial(&reader, operation, &mut initial_printed)?;
            match event {
                Ok(event) => line(&plain(&event, Some(union))?)?,
                Err(error) => line(&error_json(&error)?)?,
            }
        }
        if read == 0 {
            break;
        }
    }
    reader.finish()?;
    print_initial(&reader, operation, &mut initial_printed)?;
    Ok(ExitCode::SUCCESS)
}

fn print_initial(reader: &EventReader<'_>, operation: OperationRef<'_>, printed: &mut bool) -> Result<()> {
    if !std::mem::replace(printed, true) {
        line(&plain(&Value::Structure(reader.initial().clone()), operation.output())?)?;
    }
    Ok(())
}

/// Writes each line of `input` (plain JSON, a value of the event stream union `union`) as an
/// event stream frame, the moment the line is read: a live stream on standard input goes out
/// event by event.
pub(crate) fn encode_events(protocol: Protocol, union: ShapeRef<'_>, input: Option<&Path>) -> Result<ExitCode> {
    if !union.traits().event_stream {
        return Err(Error::model(format!("{} is no event stream union", union.name())));
    }
    let mut lines = std::io::BufReader::new(source(input)?);
    let (mut text, mut frame) = (Vec::new(), Vec::new());
    for index in 0.. {
        text.clear();
        if lines.read_until(b'\n', &mut text)? == 0 {
            break;
        }
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let event = json::decode(&text, union, &JsonSettings::plain()).map_err(|e| e.at_index(index))?;
        let message: Message = events::write_event(protocol, union, &event).map_err(|e| e.at_index(index))?;
        frame.clear();
        message.write_frame(&mut frame)?;
        write_stdout(&frame)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The file at `input`, or standard input (also for `-`), read as it arrives.
fn source(input: Option<&Path>) -> Result<Box<dyn std::io::Read>> {
    Ok(match input {
        Some(path) if path != Path::new("-") => Box::new(std::fs::File::open(path).map_err(|e| io_error(path, &e))?),
        _ => Box::new(std::io::stdin().lock()),
    })
}
