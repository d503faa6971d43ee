//! The atlas's records about groups: who they are, where they operate and on what evidence,
//! what happened, how they relate, and the originating article's claims checked. Validated and
//! resolved (names → indices); built by [`super::atlas_file`].

use super::{
    date::{Date, Day, Period},
    grade::Credibility,
    model::ProvinceIdx,
};

/// Text that only one party asserts (the originating article, or a group about itself) carries
/// the source it rests on, so every view can say "according to …". Text without it is stated by
/// the record's sources generally. Read from a plain string or from
/// `{ "text": …, "according_to": source id }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(from = "RawAttributed")]
pub struct Attributed {
    /// The text.
    pub text: String,
    /// The id of the only source that asserts it, when only one party does.
    pub according_to: Option<String>,
}

impl Attributed {
    /// Plain text, stated by the record's sources generally.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            according_to: None,
        }
    }
}

impl std::fmt::Display for Attributed {
    /// The text alone; [`super::Atlas::attributed`] adds "according to …".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RawAttributed {
    Plain(String),
    Attributed {
        text: String,
        according_to: Option<String>,
    },
}

impl From<RawAttributed> for Attributed {
    fn from(raw: RawAttributed) -> Self {
        match raw {
            RawAttributed::Plain(text) => Self::plain(text),
            RawAttributed::Attributed { text, according_to } => Self { text, according_to },
        }
    }
}

/// Index of a group in [`super::Atlas::groups`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupIdx(pub usize);

/// What kind of actor a group is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// An armed movement opposing the Taliban.
    ArmedResistance,
    /// Scattered former Afghan National Defence and Security Forces.
    Remnants,
    /// A political body with no fighters of its own.
    Political,
    /// An extremist group that fights the Taliban (kept apart from the resistance).
    Extremist,
}

impl GroupKind {
    /// A short description.
    pub fn label(self) -> &'static str {
        match self {
            Self::ArmedResistance => "armed resistance",
            Self::Remnants => "former ANDSF remnants",
            Self::Political => "political umbrella (no armed wing of its own)",
            Self::Extremist => "extremist opposition (not part of the resistance)",
        }
    }
}

/// A named person and their role.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Leader {
    /// Name.
    pub name: String,
    /// Role, as the sources give it.
    pub role: String,
}

/// A group, as its sources describe it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Short identifier records use (e.g. `NRF`).
    pub id: String,
    /// Full English name.
    pub name: String,
    /// Local and alternative names.
    pub other_names: Vec<String>,
    /// Abbreviations.
    pub abbreviations: Vec<String>,
    /// What kind of actor it is.
    pub kind: GroupKind,
    /// Leaders and spokespeople.
    pub leaders: Vec<Leader>,
    /// When it was founded or announced, if known.
    pub founded: Option<Date>,
    /// Context for the founding date.
    pub founded_note: Option<String>,
    /// Where it is based.
    pub headquarters: Option<String>,
    /// Its goals, as sources state them.
    pub goals: Vec<Attributed>,
    /// Its capabilities, as sources state (or it claims) them.
    pub capabilities: Vec<Attributed>,
    /// One or two sentences.
    pub summary: Attributed,
    /// Source ids.
    pub sources: Vec<String>,
}

impl Group {
    /// The abbreviation if it has one, else the name.
    pub fn short_name(&self) -> &str {
        self.abbreviations.first().unwrap_or(&self.name)
    }
}

/// How we know a group is in a province, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Its base or headquarters.
    Stronghold,
    /// Attacks verified by the UN.
    VerifiedAttacks,
    /// An attack confirmed by several independent outlets (and often claimed), but not in a UN
    /// count of verified attacks.
    ConfirmedAttacks,
    /// Attacks the group claims, not independently verified.
    ClaimedAttacks,
    /// Presence reported by a source, without attacks counted.
    Reported,
}

impl Evidence {
    /// All kinds, strongest first.
    pub const ALL: [Self; 5] = [
        Self::Stronghold,
        Self::VerifiedAttacks,
        Self::ConfirmedAttacks,
        Self::ClaimedAttacks,
        Self::Reported,
    ];

    /// How the legend and tables name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Stronghold => "Stronghold / headquarters",
            Self::VerifiedAttacks => "UN-verified attacks",
            Self::ConfirmedAttacks => "Confirmed attack (independent reports)",
            Self::ClaimedAttacks => "Claimed attacks (unverified)",
            Self::Reported => "Reported presence",
        }
    }
}

/// One piece of evidence that a group operates in a province.
#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    /// Which group.
    pub group: GroupIdx,
    /// Where.
    pub province: ProvinceIdx,
    /// On what evidence.
    pub evidence: Evidence,
    /// Number of attacks, where counted: for a record that links events, derived from them
    /// on load ([`super::attack_counts`]); otherwise a source's own total (a UN count).
    pub count: Option<u32>,
    /// The period its sources observe; `to: None` only for a record open-ended on purpose (a
    /// stronghold reported continuously), which its grading note explains.
    pub period: Period,
    /// The newest date a source places the group there (for an older file without the field:
    /// the end of the period, or its start when open-ended).
    pub last_reported: Date,
    /// Context.
    pub note: Option<String>,
    /// Source ids.
    pub sources: Vec<String>,
    /// Ids of the events (in [`super::Atlas::events`]) this record counts: one incident, one
    /// grade.
    pub event_ids: Vec<String>,
    /// How credible the record is; `None` when the file does not grade it.
    pub credibility: Option<Credibility>,
    /// Why it was graded so, where that is not obvious.
    pub grading_note: Option<String>,
}

/// Whether a presence record speaks for the dates shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Its observed period overlaps the dates, or it was last reported within the recency
    /// horizon before their end: shown as current.
    Current,
    /// Observed before the dates and last reported longer ago than the horizon: shown as stale
    /// ("last reported Mar 2023"), never as current.
    Stale,
}

impl Presence {
    /// The last day its sources observe: the end of the period, or, when open-ended, of the last
    /// report.
    pub fn observed_until(&self) -> Day {
        match self.period.to {
            Some(to) => to.end().max(self.last_reported.end()),
            None => self.last_reported.end().max(self.period.from.end()),
        }
    }

    /// Whether it counts for the days `first..=last` with a recency horizon of
    /// `horizon_months`: current when its observed period overlaps them or it was last reported
    /// within `horizon_months` months before `last`;
    /// stale when it was observed only before that; `None` when it starts after `last`. The
    /// horizon runs back from `last` to the same day `horizon_months` months earlier (31 Dec
    /// 2025 → 31 Dec 2024).
    pub fn standing(&self, first: Day, last: Day, horizon_months: u32) -> Option<Standing> {
        if self.period.from.start > last {
            return None;
        }
        let observed_until = self.observed_until();
        let horizon = i32::try_from(horizon_months).unwrap_or(i32::MAX);
        let month = Day::from_month_index(last.month_index().saturating_sub(horizon));
        let day = last
            .day()
            .min(super::date::days_in_month(month.year(), month.month()));
        let cutoff = Day::new(month.year(), month.month(), day).unwrap_or(month);
        if observed_until >= first || self.last_reported.end() >= cutoff {
            Some(Standing::Current)
        } else {
            Some(Standing::Stale)
        }
    }
}

/// How far an event is established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Verified by the UN or an independent monitor.
    Verified,
    /// Claimed by a group.
    Claimed,
    /// Reported by media or researchers.
    Reported,
}

impl EventStatus {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Claimed => "claimed",
            Self::Reported => "reported",
        }
    }
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// When, at the precision the source gives.
    pub date: Date,
    /// Provinces it happened in (none for events abroad).
    pub provinces: Vec<ProvinceIdx>,
    /// District, where known.
    pub district: Option<String>,
    /// A place outside the provinces (e.g. Dushanbe), where that is where it happened.
    pub place: Option<String>,
    /// Its id (`2024-02-26-nrf-airport-claim`), which presence records cite; `None` in older
    /// files.
    pub id: Option<String>,
    /// The group that acted or claimed, if one of the atlas's groups did.
    pub actor: Option<GroupIdx>,
    /// Who acted, as the source names them, where that is not (only) an atlas group (e.g.
    /// "Taliban").
    pub actor_names: Vec<String>,
    /// The group that was hit (its commander killed, an operation against it), if any.
    pub target: Option<GroupIdx>,
    /// How many attacks the record stands for, where its source counts them (`None` when it
    /// is not an attack, or the source gives no number). The count of every presence record
    /// that links the event comes from here (see [`super::attack_counts`]).
    pub attacks: Option<u32>,
    /// Verified, claimed or reported.
    pub status: EventStatus,
    /// One line.
    pub summary: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// How credible the record is; `None` when the file does not grade it.
    pub credibility: Option<Credibility>,
    /// Why it was graded so, where that is not obvious.
    pub grading_note: Option<String>,
}

/// How far a tie between groups is established.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// Reported by a source independent of the groups.
    Reported,
    /// Stated by one of the groups themselves.
    Claimed,
    /// Asserted by a source no other source reviewed confirms (the default for files that do
    /// not say).
    #[default]
    Unverified,
}

impl RelationshipStatus {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reported => "reported",
            Self::Claimed => "claimed",
            Self::Unverified => "unverified",
        }
    }
}

/// A tie between two groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Relationship {
    /// The two groups.
    pub groups: [GroupIdx; 2],
    /// e.g. "collaborates", "operates_with".
    pub kind: String,
    /// Reported, claimed or unverified.
    pub status: RelationshipStatus,
    /// One or two sentences.
    pub summary: Attributed,
    /// Source ids.
    pub sources: Vec<String>,
}

/// Whether other sources bear out a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Other sources confirm it.
    Supported,
    /// Other sources bear out part of it, or a different reading of it.
    PartlySupported,
    /// Other sources contradict it.
    Contradicted,
    /// No source reviewed confirms it.
    Unverified,
}

impl ClaimStatus {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Supported => "supported",
            Self::PartlySupported => "partly supported",
            Self::Contradicted => "contradicted",
            Self::Unverified => "unverified",
        }
    }
}

/// A checkable claim from a source (the originating article), checked against others.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Claim {
    /// Identifier.
    pub id: String,
    /// The claim in the source's words.
    pub text: String,
    /// Who makes the claim (a source id).
    pub source: String,
    /// "economy" or "resistance".
    pub topic: String,
    /// Supported, partly supported, contradicted or unverified.
    pub status: ClaimStatus,
    /// Why, in one line.
    pub reason: String,
    /// The figures that decide it, e.g. "WDI: 11.7 % (2020) → 14.1 % (2022)".
    #[serde(default)]
    pub figures: Option<String>,
    /// Source ids of the sources that confirm or contradict it.
    pub evidence: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presence(from: &str, to: Option<&str>, last_reported: &str) -> Presence {
        let date = |text: &str| Date::parse(text).expect("valid");
        Presence {
            group: GroupIdx(0),
            province: ProvinceIdx(0),
            evidence: Evidence::Reported,
            count: None,
            period: Period {
                from: date(from),
                to: to.map(date),
            },
            last_reported: date(last_reported),
            note: None,
            sources: vec!["s".to_owned()],
            event_ids: Vec::new(),
            credibility: None,
            grading_note: None,
        }
    }

    #[test]
    fn a_record_is_current_within_the_horizon_and_stale_beyond_it() {
        let record = presence("2024-11", Some("2024-12"), "2024-12");
        let year = (Day::month_start(2025, 1), Day::month_end(2025, 12));
        // 31 Dec 2025 back 12 months is 31 Dec 2024: the Dec 2024 report is within.
        assert_eq!(record.standing(year.0, year.1, 12), Some(Standing::Current));
        assert_eq!(record.standing(year.0, year.1, 11), Some(Standing::Stale));
        // Overlapping dates: current whatever the horizon.
        assert_eq!(
            record.standing(Day::month_start(2024, 12), year.1, 0),
            Some(Standing::Current)
        );
        // Dates before the record starts: not shown.
        assert_eq!(
            record.standing(Day::month_start(2023, 1), Day::month_end(2023, 12), 12),
            None
        );
    }

    #[test]
    fn an_open_ended_record_is_observed_until_its_last_report() {
        let record = presence("2021-08", None, "2024-08");
        assert_eq!(record.observed_until(), Day::month_end(2024, 8));
        assert_eq!(
            record.standing(Day::month_start(2026, 1), Day::month_end(2026, 12), 12),
            Some(Standing::Stale)
        );
    }

    #[test]
    fn attributed_text_reads_a_string_or_an_object() {
        let plain: Attributed = serde_json::from_str(r#""Text""#).expect("string");
        assert_eq!(plain, Attributed::plain("Text"));
        let attributed: Attributed =
            serde_json::from_str(r#"{"text":"Claim","according_to":"src"}"#).expect("object");
        assert_eq!(attributed.according_to.as_deref(), Some("src"));
        assert_eq!(attributed.to_string(), "Claim");
    }
}
