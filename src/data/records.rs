//! The atlas's records about groups: who they are, where they operate and on what evidence,
//! what happened, how they relate, and the originating article's claims checked. Validated and
//! resolved (names → indices); built by [`super::atlas_file`].

use super::{
    date::{Date, Period},
    grade::Credibility,
    model::ProvinceIdx,
};

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
    pub goals: Vec<String>,
    /// Its capabilities, as sources state (or it claims) them.
    pub capabilities: Vec<String>,
    /// One or two sentences.
    pub summary: String,
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
    /// Number of attacks, where counted.
    pub count: Option<u32>,
    /// When.
    pub period: Period,
    /// Context.
    pub note: Option<String>,
    /// Source ids.
    pub sources: Vec<String>,
    /// How credible the record is; `None` when the file does not grade it.
    pub credibility: Option<Credibility>,
    /// Why it was graded so, where that is not obvious.
    pub grading_note: Option<String>,
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
    /// The group involved, if any.
    pub group: Option<GroupIdx>,
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
    pub summary: String,
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
