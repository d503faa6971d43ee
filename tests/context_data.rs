//! Economy, history and region: the figures equal the research notes', series preparation is
//! honest about gaps, and the article's economic claims carry the right verdicts.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use resistance_atlas::{
    charts::{
        economy::{ECONOMY_CHARTS, source_line},
        series::{CHART_YEARS, GrowthClass, growth_bars, segments},
    },
    data::{ClaimStatus, load_embedded},
};

#[test]
fn indicator_values_equal_the_research_notes_for_sample_years() {
    let atlas = load_embedded();
    // (indicator id, WDI code, year, value) from FACTS.md section 10.
    for (id, code, year, value) in [
        ("gdp_growth", "NY.GDP.MKTP.KD.ZG", 2021, -20.74),
        ("gdp_growth", "NY.GDP.MKTP.KD.ZG", 2010, 14.36),
        ("gdp_usd_bn", "NY.GDP.MKTP.CD", 2024, 17.779),
        ("gdp_per_capita_usd", "NY.GDP.PCAP.CD", 2022, 357.26),
        ("inflation_cpi", "FP.CPI.TOTL.ZG", 2023, -4.64),
        ("unemployment_total", "SL.UEM.TOTL.ZS", 2025, 13.35),
        ("unemployment_female", "SL.UEM.TOTL.FE.ZS", 2022, 26.74),
        (
            "female_labour_participation",
            "SL.TLF.CACT.FE.ZS",
            2022,
            5.16,
        ),
        ("electricity_access_wdi", "EG.ELC.ACCS.ZS", 2023, 85.3),
        ("undernourishment", "SN.ITK.DEFC.ZS", 2023, 28.1),
        ("poverty_national", "SI.POV.NAHC", 2016, 54.5),
    ] {
        let indicator = atlas.indicator(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(indicator.code.as_deref(), Some(code), "{id}");
        assert_eq!(indicator.values.get(&year), Some(&value), "{id} {year}");
        assert_eq!(indicator.licence.as_deref(), Some("CC BY 4.0"), "{id}");
    }
    let electricity = atlas.indicator("electricity_access_wdi").unwrap();
    assert!(
        !electricity.values.contains_key(&2024),
        "a blank cell stays missing"
    );
    assert_eq!(
        atlas
            .indicator("grid_connection_dabs")
            .unwrap()
            .values
            .get(&2025),
        Some(&40.0)
    );
}

#[test]
fn every_chart_finds_its_series_and_names_its_source() {
    let atlas = load_embedded();
    for spec in ECONOMY_CHARTS {
        for id in spec.series.iter().chain(spec.reference) {
            let indicator = atlas
                .indicator(id)
                .unwrap_or_else(|| panic!("{} needs {id}", spec.title));
            assert!(atlas.sources.contains_key(&indicator.source));
        }
    }
    let growth = atlas.indicator("gdp_growth").unwrap();
    assert_eq!(
        source_line(&atlas, growth),
        "World Bank, WDI, NY.GDP.MKTP.KD.ZG, CC BY 4.0"
    );
}

#[test]
fn growth_bars_mark_the_contraction_years() {
    let atlas = load_embedded();
    let bars = growth_bars(atlas.indicator("gdp_growth").unwrap(), CHART_YEARS);
    let contractions: Vec<i32> = bars
        .iter()
        .filter(|b| b.class == GrowthClass::Contraction)
        .map(|b| b.year)
        .collect();
    assert_eq!(contractions, vec![2020, 2021, 2022]);
}

#[test]
fn the_poverty_series_is_three_points_not_a_line_through_zeros() {
    let atlas = load_embedded();
    let poverty = segments(atlas.indicator("poverty_national").unwrap(), CHART_YEARS);
    assert_eq!(
        poverty,
        vec![
            vec![[2011.0, 38.3]],
            vec![[2016.0, 54.5]],
            vec![[2019.0, 47.1]]
        ]
    );
}

#[test]
fn the_four_economic_claims_have_the_right_verdicts() {
    let atlas = load_embedded();
    let status = |needle: &str| {
        atlas
            .claims
            .iter()
            .find(|c| c.topic == "economy" && c.text.contains(needle))
            .unwrap_or_else(|| panic!("an economic claim containing {needle:?}"))
            .status
    };
    assert_eq!(status("27%"), ClaimStatus::Unverified);
    assert_eq!(status("doubled"), ClaimStatus::Contradicted);
    // True of grid supply, not of access of any kind (WDI: 85.3 %, counting off-grid).
    assert_eq!(status("40%"), ClaimStatus::PartlySupported);
    assert_eq!(status("69%"), ClaimStatus::Supported);
    assert!(atlas.claims.iter().all(|c| !c.reason.is_empty()));
}

#[test]
fn history_spans_1979_to_2025_with_five_eras() {
    let atlas = load_embedded();
    let history = &atlas.history;
    let names: Vec<&str> = history.eras.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Soviet war",
            "Civil war",
            "First Taliban rule",
            "The Republic",
            "Islamic Emirate"
        ]
    );
    assert_eq!(history.events.first().unwrap().date.start.year(), 1979);
    assert_eq!(history.events.last().unwrap().date.start.year(), 2025);
    let takhar = atlas.province_by_code("AF-TAK").unwrap();
    assert!(
        history
            .events
            .iter()
            .any(|e| e.date.start.year() == 2001 && e.provinces.contains(&takhar)),
        "Massoud's assassination in Takhar"
    );
}

#[test]
fn the_region_has_three_repatriation_phases_and_sourced_returns() {
    let atlas = load_embedded();
    let phases: Vec<u8> = atlas
        .region
        .repatriation_phases
        .iter()
        .map(|p| p.phase)
        .collect();
    assert_eq!(phases, vec![1, 2, 3]);
    assert!(atlas.region.returns.iter().any(|r| r.count == 240_175));
    assert!(atlas.region.returns.iter().all(|r| !r.sources.is_empty()));
    assert!(!atlas.region.tajikistan.is_empty());
    let names: Vec<&str> = atlas
        .country_labels
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    for country in [
        "Pakistan",
        "Iran",
        "Turkmenistan",
        "Uzbekistan",
        "Tajikistan",
        "China",
    ] {
        assert!(names.contains(&country), "{country}");
    }
}
