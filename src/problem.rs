//! Problems found in a site: what is wrong and where to fix it.
//!
//! Every stage of `build` reports problems as [`Problem`] values instead of
//! stopping at the first one, so `pilcrow check` can list them all. A
//! problem names the file (as the user would type it), and when known the
//! 1-based line and column.

use std::fmt;

/// One thing wrong with the site.
///
/// Ordering sorts by file, then line, then column, so a list of problems
/// reads top to bottom through each file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// File the problem is in, e.g. `content/documents/a-74-130.md`.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong and, where it helps, what was expected.
    pub message: String,
}

impl Problem {
    /// A problem that concerns the site as a whole.
    pub fn general(message: impl Into<String>) -> Problem {
        Problem {
            file: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem in a file, without a position.
    pub fn in_file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: Some(file.into()),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a line of a file.
    pub fn at_line(file: impl Into<String>, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            file: Some(file.into()),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a line and column of a file.
    pub fn at(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: Some(file.into()),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A non-empty list of problems, sorted and without duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// Sorts and de-duplicates; `None` when there is nothing to report.
    pub fn from_vec(mut problems: Vec<Problem>) -> Option<Problems> {
        problems.sort();
        problems.dedup();
        if problems.is_empty() {
            None
        } else {
            Some(Problems(problems))
        }
    }

    /// A list of one problem.
    pub fn single(problem: Problem) -> Problems {
        Problems(vec![problem])
    }

    pub fn as_slice(&self) -> &[Problem] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_only_known_parts() {
        assert_eq!(Problem::general("x").to_string(), "x");
        assert_eq!(Problem::in_file("a.md", "x").to_string(), "a.md: x");
        assert_eq!(Problem::at_line("a.md", 3, "x").to_string(), "a.md:3: x");
        assert_eq!(Problem::at("a.md", 3, 7, "x").to_string(), "a.md:3:7: x");
    }

    #[test]
    fn problems_sort_by_line_number_not_text() {
        let p = Problems::from_vec(vec![
            Problem::at_line("a.md", 12, "late"),
            Problem::at_line("a.md", 9, "early"),
            Problem::at_line("a.md", 9, "early"),
        ])
        .unwrap();
        let lines: Vec<_> = p.as_slice().iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(9), Some(12)]);
        assert!(Problems::from_vec(vec![]).is_none());
    }
}
