//! Source locations and a line index to compute them in O(log n)
//! (roxmltree's own `text_pos_at` rescans from the start of the text, which
//! is quadratic on multi-megabyte WSDLs).

use std::sync::Arc;

/// A 1-based line and column in a document, named by its loader id
/// (a path or a URI). Line 0 means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Location {
    /// The file as a whole (no position known).
    pub fn file(file: &Arc<str>) -> Self {
        Location {
            file: file.clone(),
            line: 0,
            column: 0,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// Byte offsets of line starts, for byte position -> (line, column).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    file: Arc<str>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(file: Arc<str>, text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts, file }
    }

    /// Location of a byte offset; the column counts characters, 1-based.
    pub(crate) fn location(&self, pos: usize) -> Location {
        let pos = pos.min(self.text.len());
        let line = match self.starts.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = self
            .text
            .get(start..pos)
            .map(|s| s.chars().count())
            .unwrap_or(pos - start);
        Location {
            file: self.file.clone(),
            line: (line + 1) as u32,
            column: (column + 1) as u32,
        }
    }
}
