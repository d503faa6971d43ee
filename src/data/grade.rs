//! Graded evidence on the Admiralty (NATO) scale: a source's **reliability** A–F and a piece of
//! information's **credibility** 1–6, read together as a grade such as "B2". The rules the data
//! set follows when it grades are in docs/DATA.md ("Grades").

use std::fmt;

use serde::{Deserialize, Serialize};

/// How far a source has proved reliable, A (completely reliable) to E (unreliable); F when it
/// cannot be judged. Ordered best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reliability {
    /// Completely reliable: a history of complete reliability, no doubt of authenticity.
    A,
    /// Usually reliable: minor doubts, a history of mostly valid information.
    B,
    /// Fairly reliable: doubts, but it has provided valid information before.
    C,
    /// Not usually reliable: significant doubts, though valid information at times.
    D,
    /// Unreliable: lacks authenticity, trustworthiness or competence (tertiary copies).
    E,
    /// Cannot be judged: no basis for evaluating the source.
    F,
}

impl Reliability {
    /// Every grade, best first.
    pub const ALL: [Self; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    /// The letter, "A" to "F".
    pub fn letter(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
            Self::D => "D",
            Self::E => "E",
            Self::F => "F",
        }
    }

    /// The grade in words, as the scale defines it.
    pub fn words(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "reliability cannot be judged",
        }
    }

    /// Reads "A" to "F" (upper or lower case).
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|r| r.letter().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!(
                    "reliability \"{}\" is not one of A, B, C, D, E, F",
                    crate::files::shown(text)
                )
            })
    }

    /// Whether a record resting only on sources of this grade is drawn as weak (E or F).
    pub fn is_weak(self) -> bool {
        matches!(self, Self::E | Self::F)
    }
}

/// How credible a piece of information is, 1 (confirmed by other sources) to 5 (improbable); 6
/// when it cannot be judged. Ordered best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Credibility {
    /// 1: confirmed by other independent sources.
    Confirmed,
    /// 2: probably true; not confirmed, but logical and consistent with other information.
    ProbablyTrue,
    /// 3: possibly true; reasonably logical, agrees with some other information.
    PossiblyTrue,
    /// 4: doubtful; possible but not logical, no other information on it.
    Doubtful,
    /// 5: improbable; contradicted by other information.
    Improbable,
    /// 6: cannot be judged.
    CannotBeJudged,
}

impl Credibility {
    /// Every grade, best first.
    pub const ALL: [Self; 6] = [
        Self::Confirmed,
        Self::ProbablyTrue,
        Self::PossiblyTrue,
        Self::Doubtful,
        Self::Improbable,
        Self::CannotBeJudged,
    ];

    /// The digit, 1 to 6.
    pub fn digit(self) -> u8 {
        match self {
            Self::Confirmed => 1,
            Self::ProbablyTrue => 2,
            Self::PossiblyTrue => 3,
            Self::Doubtful => 4,
            Self::Improbable => 5,
            Self::CannotBeJudged => 6,
        }
    }

    /// The grade in words, as the scale defines it.
    pub fn words(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed by other sources",
            Self::ProbablyTrue => "probably true",
            Self::PossiblyTrue => "possibly true",
            Self::Doubtful => "doubtful",
            Self::Improbable => "improbable",
            Self::CannotBeJudged => "truth cannot be judged",
        }
    }

    /// Reads 1 to 6, as a JSON number or a string ("2").
    pub fn parse(value: &serde_json::Value) -> Result<Self, String> {
        let digit = match value {
            serde_json::Value::Number(n) => n.as_u64(),
            serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        digit
            .and_then(|d| Self::ALL.into_iter().find(|c| u64::from(c.digit()) == d))
            .ok_or_else(|| format!("credibility {value} is not a whole number from 1 to 6"))
    }
}

/// A record's grade: the reliability of its best source and the credibility of what it says.
/// Saved (in app state and decks) as its code, "B3".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Grade {
    /// The best reliability among the sources the record cites.
    pub reliability: Reliability,
    /// The record's own credibility.
    pub credibility: Credibility,
}

impl Grade {
    /// Reads a code such as "B3".
    pub fn parse(code: &str) -> Result<Self, String> {
        let code = code.trim();
        let mut chars = code.chars();
        let (Some(letter), Some(digit), None) = (chars.next(), chars.next(), chars.next()) else {
            return Err(format!(
                "grade \"{}\" is not a letter A–F and a digit 1–6",
                crate::files::shown(code)
            ));
        };
        Ok(Self {
            reliability: Reliability::parse(&letter.to_string())?,
            credibility: Credibility::parse(&serde_json::Value::String(digit.to_string()))?,
        })
    }

    /// The grade of a record with this credibility citing sources of these reliabilities: the
    /// best source counts. `None` (not graded) when the credibility or every source's
    /// reliability is missing.
    pub fn of_record(
        credibility: Option<Credibility>,
        sources: impl IntoIterator<Item = Option<Reliability>>,
    ) -> Option<Self> {
        let reliability = sources.into_iter().flatten().min()?;
        Some(Self {
            reliability,
            credibility: credibility?,
        })
    }

    /// Whether this grade is at least `floor` on both scales ("B3 or better" admits A1–B3, not
    /// C1 and not B4).
    pub fn at_least(self, floor: Self) -> bool {
        self.reliability <= floor.reliability && self.credibility <= floor.credibility
    }

    /// "Usually reliable source; probably true" — for tooltips.
    pub fn words(self) -> String {
        format!(
            "{} source; {}",
            capitalised(self.reliability.words()),
            self.credibility.words()
        )
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.reliability.letter(),
            self.credibility.digit()
        )
    }
}

impl TryFrom<String> for Grade {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        Self::parse(&code)
    }
}

impl From<Grade> for String {
    fn from(grade: Grade) -> Self {
        grade.to_string()
    }
}

/// The grade filter's choice: every record, or only records graded at least a floor.
pub fn admits(floor: Option<Grade>, grade: Option<Grade>) -> bool {
    match floor {
        None => true,
        Some(floor) => grade.is_some_and(|g| g.at_least(floor)),
    }
}

/// The floors the grade filter offers, strictest first: A1 … E5 along the diagonal, plus the
/// common analyst cut-offs.
pub const FLOORS: [&str; 6] = ["A1", "B2", "B3", "C3", "C4", "E5"];

/// "B3 or better" / "all records" — for menus and export footers.
pub fn floor_label(floor: Option<Grade>) -> String {
    match floor {
        None => "all records, graded or not".to_owned(),
        Some(floor) => format!("records graded {floor} or better"),
    }
}

/// The grade as shown beside a record: "B2", or "not graded".
pub fn grade_text(grade: Option<Grade>) -> String {
    grade.map_or_else(|| "not graded".to_owned(), |g| g.to_string())
}

/// The tooltip for a record's grade.
pub fn grade_tooltip(grade: Option<Grade>) -> String {
    match grade {
        Some(g) => format!(
            "Graded {g} on the Admiralty scale: {}. The letter rates the record's best source, the digit what it says.",
            g.words()
        ),
        None => "Not graded: the data set gives no Admiralty grade for this record.".to_owned(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(code: &str) -> Grade {
        Grade::parse(code).unwrap()
    }

    #[test]
    fn a_grade_saves_as_its_code() {
        let json = serde_json::to_string(&grade("B3")).unwrap();
        assert_eq!(json, "\"B3\"");
        assert_eq!(serde_json::from_str::<Grade>(&json).unwrap(), grade("B3"));
        for bad in ["\"B\"", "\"B33\"", "\"G1\"", "\"B7\"", "3"] {
            assert!(serde_json::from_str::<Grade>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn grades_read_and_print_as_analysts_write_them() {
        assert_eq!(grade("B2").to_string(), "B2");
        assert_eq!(
            grade("B2").words(),
            "Usually reliable source; probably true"
        );
        assert!(Reliability::parse("G").is_err());
        assert!(Reliability::parse("").is_err());
        assert_eq!(Reliability::parse(" e"), Ok(Reliability::E));
        for bad in [
            serde_json::json!(0),
            serde_json::json!(7),
            serde_json::json!(2.5),
            serde_json::json!(-1),
            serde_json::json!("two"),
            serde_json::json!(null),
        ] {
            assert!(Credibility::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn at_least_needs_both_scales() {
        let floor = grade("B3");
        for ok in ["A1", "B3", "A3", "B1"] {
            assert!(grade(ok).at_least(floor), "{ok}");
        }
        for weak in ["C1", "B4", "E1", "F6", "A6"] {
            assert!(!grade(weak).at_least(floor), "{weak}");
        }
        assert!(admits(None, None));
        assert!(!admits(Some(floor), None), "ungraded records need no floor");
    }

    #[test]
    fn a_record_takes_its_best_source() {
        let g = Grade::of_record(
            Some(Credibility::ProbablyTrue),
            [Some(Reliability::E), None, Some(Reliability::B)],
        );
        assert_eq!(g, Some(grade("B2")));
        assert_eq!(Grade::of_record(None, [Some(Reliability::A)]), None);
        assert_eq!(Grade::of_record(Some(Credibility::Confirmed), [None]), None);
    }
}
