//! The deck as PowerPoint (Office Open XML, `.pptx`), the format briefers assemble their decks in
//! (PowerPoint, LibreOffice Impress, Keynote and Google Slides all open it): one 16:9 slide per
//! atlas slide, with the slide's title in a real title placeholder (editable text, not pixels),
//! the map and its legend as a full-resolution picture, the credits in a text box, and the
//! presenter notes in the slide's speaker notes.
//!
//! The package is written part by part as PowerPoint writes it (a zip of XML parts and their
//! relationships): a presentation, one slide master with one "Title Only" layout, a notes
//! master, two themes, and per slide its XML, its picture and its notes page. Nothing here
//! knows the atlas: [`PptxSlide`] is all it is given. Every text goes through
//! [`super::svg::escape`], so no title or note can break the XML.

use std::io::{Cursor, Write as _};

use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::{ExportError, svg::escape};

/// One slide: what PowerPoint shows and what the presenter reads.
#[derive(Clone, Debug)]
pub struct PptxSlide {
    /// The slide's title (the title placeholder).
    pub title: String,
    /// The picture: a PNG, shown full width under the title.
    pub picture_png: Vec<u8>,
    /// The picture's size in pixels (its aspect is kept).
    pub picture_size: [u32; 2],
    /// The credits, one paragraph per line, in a text box under the picture.
    pub credits: Vec<String>,
    /// The presenter notes (speaker notes), one paragraph per line.
    pub notes: String,
}

/// EMUs (English Metric Units) per inch.
const EMU_PER_INCH: i64 = 914_400;
/// A 16:9 slide, 13.333 × 7.5 inches, as PowerPoint makes one.
const SLIDE_WIDTH: i64 = 12_192_000;
const SLIDE_HEIGHT: i64 = 6_858_000;
/// Notes pages: portrait letter, as PowerPoint's default.
const NOTES_WIDTH: i64 = 6_858_000;
const NOTES_HEIGHT: i64 = 9_144_000;
/// Margins and bands of a slide.
const MARGIN: i64 = EMU_PER_INCH * 3 / 10;
const TITLE_HEIGHT: i64 = EMU_PER_INCH * 8 / 10;
const CREDITS_HEIGHT: i64 = EMU_PER_INCH * 9 / 10;

const NAMESPACES: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The `.pptx` file of `slides`, in order.
pub fn deck_to_pptx(slides: &[PptxSlide]) -> Result<Vec<u8>, ExportError> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types(slides.len()).into()),
        ("_rels/.rels".into(), package_rels().into()),
        ("docProps/core.xml".into(), core_properties().into()),
        ("docProps/app.xml".into(), app_properties(slides.len()).into()),
        ("ppt/presentation.xml".into(), presentation(slides.len()).into()),
        (
            "ppt/_rels/presentation.xml.rels".into(),
            presentation_rels(slides.len()).into(),
        ),
        ("ppt/presProps.xml".into(), format!(r#"{XML_HEADER}<p:presentationPr {NAMESPACES}/>"#).into()),
        ("ppt/viewProps.xml".into(), format!(r#"{XML_HEADER}<p:viewPr {NAMESPACES}/>"#).into()),
        (
            "ppt/tableStyles.xml".into(),
            format!(r#"{XML_HEADER}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>"#).into(),
        ),
        ("ppt/theme/theme1.xml".into(), theme("Resistance Atlas").into()),
        ("ppt/theme/theme2.xml".into(), theme("Resistance Atlas notes").into()),
        ("ppt/slideMasters/slideMaster1.xml".into(), slide_master().into()),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
            rels(&[
                ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
                ("rId2", "theme", "../theme/theme1.xml"),
            ])
            .into(),
        ),
        ("ppt/slideLayouts/slideLayout1.xml".into(), slide_layout().into()),
        (
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
            rels(&[("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]).into(),
        ),
        ("ppt/notesMasters/notesMaster1.xml".into(), notes_master().into()),
        (
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
            rels(&[("rId1", "theme", "../theme/theme2.xml")]).into(),
        ),
    ];
    for (index, slide) in slides.iter().enumerate() {
        let n = index + 1;
        parts.push((format!("ppt/slides/slide{n}.xml"), slide_xml(slide).into()));
        parts.push((
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            rels(&[
                ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
                ("rId2", "image", &format!("../media/map{n}.png")),
                (
                    "rId3",
                    "notesSlide",
                    &format!("../notesSlides/notesSlide{n}.xml"),
                ),
            ])
            .into(),
        ));
        parts.push((format!("ppt/media/map{n}.png"), slide.picture_png.clone()));
        parts.push((
            format!("ppt/notesSlides/notesSlide{n}.xml"),
            notes_slide(&slide.notes).into(),
        ));
        parts.push((
            format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
            rels(&[
                ("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
                ("rId2", "slide", &format!("../slides/slide{n}.xml")),
            ])
            .into(),
        ));
    }
    zip_parts(&parts)
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ExportError> {
    let error = |e: &dyn std::fmt::Display| ExportError::Render(format!("PowerPoint package: {e}"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // Pictures are compressed already.
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(
            name.as_str(),
            SimpleFileOptions::default().compression_method(method),
        )
        .map_err(|e| error(&e))?;
        zip.write_all(bytes).map_err(|e| error(&e))?;
    }
    let cursor = zip.finish().map_err(|e| error(&e))?;
    Ok(cursor.into_inner())
}

fn content_types(slides: usize) -> String {
    let ct = "application/vnd.openxmlformats-officedocument";
    let mut xml = format!(
        r#"{XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="{ct}.presentationml.presentation.main+xml"/><Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="{ct}.presentationml.slideMaster+xml"/><Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="{ct}.presentationml.slideLayout+xml"/><Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="{ct}.presentationml.notesMaster+xml"/><Override PartName="/ppt/theme/theme1.xml" ContentType="{ct}.theme+xml"/><Override PartName="/ppt/theme/theme2.xml" ContentType="{ct}.theme+xml"/><Override PartName="/ppt/presProps.xml" ContentType="{ct}.presentationml.presProps+xml"/><Override PartName="/ppt/viewProps.xml" ContentType="{ct}.presentationml.viewProps+xml"/><Override PartName="/ppt/tableStyles.xml" ContentType="{ct}.presentationml.tableStyles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>"#
    );
    for n in 1..=slides {
        xml.push_str(&format!(
            r#"<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{ct}.presentationml.slide+xml"/><Override PartName="/ppt/notesSlides/notesSlide{n}.xml" ContentType="{ct}.presentationml.notesSlide+xml"/>"#
        ));
    }
    xml.push_str("</Types>");
    xml
}

fn package_rels() -> String {
    format!(
        r#"{XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

fn core_properties() -> String {
    format!(
        r#"{XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        "Briefing",
        crate::APP_NAME
    )
}

fn app_properties(slides: usize) -> String {
    format!(
        r#"{XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{} {}</Application><Slides>{slides}</Slides><Notes>{slides}</Notes><PresentationFormat>Widescreen</PresentationFormat></Properties>"#,
        crate::APP_NAME,
        env!("CARGO_PKG_VERSION")
    )
}

fn presentation(slides: usize) -> String {
    let ids: String = (1..=slides)
        .map(|n| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 255 + n, 10 + n))
        .collect();
    format!(
        r#"{XML_HEADER}<p:presentation {NAMESPACES} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_WIDTH}" cy="{SLIDE_HEIGHT}"/><p:notesSz cx="{NOTES_WIDTH}" cy="{NOTES_HEIGHT}"/></p:presentation>"#
    )
}

fn presentation_rels(slides: usize) -> String {
    let mut entries: Vec<(String, &str, String)> = vec![
        (
            "rId1".into(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".into(),
        ),
        (
            "rId2".into(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".into(),
        ),
        ("rId3".into(), "theme", "theme/theme1.xml".into()),
        ("rId4".into(), "presProps", "presProps.xml".into()),
        ("rId5".into(), "viewProps", "viewProps.xml".into()),
        ("rId6".into(), "tableStyles", "tableStyles.xml".into()),
    ];
    for n in 1..=slides {
        entries.push((
            format!("rId{}", 10 + n),
            "slide",
            format!("slides/slide{n}.xml"),
        ));
    }
    let borrowed: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|(id, kind, target)| (id.as_str(), *kind, target.as_str()))
        .collect();
    rels(&borrowed)
}

/// A relationships part: (id, kind, target) each.
fn rels(entries: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        r#"{XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, kind, target) in entries {
        xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#
        ));
    }
    xml.push_str("</Relationships>");
    xml
}

/// The shape tree's own properties, which every `spTree` opens with.
const TREE_START: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

/// The title placeholder at the top of a slide (`text`: its paragraphs, one a line, those after
/// the first in smaller type; none on masters).
fn title_shape(id: u32, text: Option<&str>) -> String {
    let body = match text {
        Some(text) => {
            let mut lines = text.lines();
            let first = lines.next().unwrap_or_default();
            let rest: Vec<&str> = lines.collect();
            format!(
                r#"<p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" dirty="0"/><a:t>{}</a:t></a:r></a:p>{}</p:txBody>"#,
                escape(first),
                paragraphs(&rest, 2000)
            )
        }
        None => r#"<p:txBody><a:bodyPr vert="horz" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody>"#.to_owned(),
    };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Title {id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{MARGIN}" y="{MARGIN}"/><a:ext cx="{}" cy="{TITLE_HEIGHT}"/></a:xfrm></p:spPr>{body}</p:sp>"#,
        SLIDE_WIDTH - 2 * MARGIN
    )
}

/// Paragraphs of text at `size_hundredths` of a point.
fn paragraphs(lines: &[&str], size_hundredths: u32) -> String {
    lines
        .iter()
        .map(|line| {
            format!(
                r#"<a:p><a:r><a:rPr lang="en-GB" sz="{size_hundredths}" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
                escape(line)
            )
        })
        .collect()
}

fn slide_xml(slide: &PptxSlide) -> String {
    // The picture fills the width between the title and the credits, keeping its aspect.
    let top = MARGIN + TITLE_HEIGHT + MARGIN / 2;
    let bottom = SLIDE_HEIGHT - MARGIN - CREDITS_HEIGHT;
    let (max_width, max_height) = (SLIDE_WIDTH - 2 * MARGIN, bottom - top);
    let [w, h] = slide.picture_size.map(|v| i64::from(v.max(1)));
    let (width, height) = if max_width * h <= max_height * w {
        (max_width, max_width * h / w)
    } else {
        (max_height * w / h, max_height)
    };
    let (x, y) = ((SLIDE_WIDTH - width) / 2, top + (max_height - height) / 2);
    let credit_lines: Vec<&str> = slide.credits.iter().map(String::as_str).collect();
    format!(
        r#"{XML_HEADER}<p:sld {NAMESPACES}><p:cSld><p:spTree>{TREE_START}{title}<p:pic><p:nvPicPr><p:cNvPr id="3" name="Map" descr="{alt}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic><p:sp><p:nvSpPr><p:cNvPr id="4" name="Credits"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{MARGIN}" y="{credits_top}"/><a:ext cx="{credits_width}" cy="{CREDITS_HEIGHT}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"><a:normAutofit/></a:bodyPr><a:lstStyle/>{credits}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
        title = title_shape(2, Some(&slide.title)),
        alt = escape(&format!("Map: {}", slide.title.replace('\n', " "))),
        credits_top = SLIDE_HEIGHT - MARGIN - CREDITS_HEIGHT,
        credits_width = SLIDE_WIDTH - 2 * MARGIN,
        credits = paragraphs(&credit_lines, 900),
    )
}

fn notes_slide(notes: &str) -> String {
    let lines: Vec<&str> = notes.lines().collect();
    let text = if lines.is_empty() {
        r#"<a:p><a:endParaRPr lang="en-GB"/></a:p>"#.to_owned()
    } else {
        paragraphs(&lines, 1200)
    };
    format!(
        r#"{XML_HEADER}<p:notes {NAMESPACES}><p:cSld><p:spTree>{TREE_START}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{text}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

fn slide_master() -> String {
    format!(
        r#"{XML_HEADER}<p:sldMaster {NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{TREE_START}{title}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn="l"><a:defRPr sz="3200" b="1"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"#,
        title = title_shape(2, None)
    )
}

fn slide_layout() -> String {
    format!(
        r#"{XML_HEADER}<p:sldLayout {NAMESPACES} type="titleOnly" preserve="1"><p:cSld name="Title Only"><p:spTree>{TREE_START}{title}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#,
        title = title_shape(2, None)
    )
}

fn notes_master() -> String {
    format!(
        r#"{XML_HEADER}<p:notesMaster {NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{TREE_START}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4343400"/><a:ext cx="5486400" cy="4114800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp></p:spTree></p:cSld>{CLR_MAP}</p:notesMaster>"#
    )
}

/// A plain theme: DejaVu Sans for headings and text (the atlas's face), Okabe–Ito accents.
fn theme(name: &str) -> String {
    let solid = |c: &str| format!(r#"<a:solidFill><a:schemeClr val="{c}"/></a:solidFill>"#);
    let line = |w: u32| format!(r#"<a:ln w="{w}">{}</a:ln>"#, solid("phClr"));
    format!(
        r#"{XML_HEADER}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements><a:clrScheme name="{name}"><a:dk1><a:srgbClr val="1E1E1E"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="34322E"/></a:dk2><a:lt2><a:srgbClr val="ECE8DF"/></a:lt2><a:accent1><a:srgbClr val="0072B2"/></a:accent1><a:accent2><a:srgbClr val="E69F00"/></a:accent2><a:accent3><a:srgbClr val="009E73"/></a:accent3><a:accent4><a:srgbClr val="CC79A7"/></a:accent4><a:accent5><a:srgbClr val="56B4E9"/></a:accent5><a:accent6><a:srgbClr val="D55E00"/></a:accent6><a:hlink><a:srgbClr val="0072B2"/></a:hlink><a:folHlink><a:srgbClr val="6A3D9A"/></a:folHlink></a:clrScheme><a:fontScheme name="{name}"><a:majorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="{name}"><a:fillStyleLst>{f}{f}{f}</a:fillStyleLst><a:lnStyleLst>{l1}{l2}{l3}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{f}{f}{f}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
        name = escape(name),
        f = solid("phClr"),
        l1 = line(6350),
        l2 = line(12700),
        l3 = line(19050),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    fn slide(title: &str, notes: &str) -> PptxSlide {
        PptxSlide {
            title: title.to_owned(),
            picture_png: b"\x89PNG not really".to_vec(),
            picture_size: [1848, 800],
            credits: vec!["Sources: UN; ACLED".to_owned()],
            notes: notes.to_owned(),
        }
    }

    fn part(pptx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(pptx)).expect("a zip");
        let mut file = archive.by_name(name).expect(name);
        let mut text = String::new();
        file.read_to_string(&mut text).expect("text");
        text
    }

    #[test]
    fn each_slide_has_its_title_picture_notes_and_credits() {
        let pptx = deck_to_pptx(&[
            slide(
                "NRF since 2024",
                "Say: verified by the UN.\nThen: the claims.",
            ),
            slide("Herat & Kandahar <claims>", ""),
        ])
        .expect("pptx");
        let presentation = part(&pptx, "ppt/presentation.xml");
        assert_eq!(presentation.matches("<p:sldId ").count(), 2);
        assert!(
            presentation.contains(r#"<p:sldSz cx="12192000" cy="6858000"/>"#),
            "16:9"
        );
        let first = part(&pptx, "ppt/slides/slide1.xml");
        assert!(first.contains(r#"<p:ph type="title"/>"#));
        assert!(first.contains("<a:t>NRF since 2024</a:t>"));
        assert!(first.contains(r#"<a:blip r:embed="rId2"/>"#));
        assert!(first.contains("<a:t>Sources: UN; ACLED</a:t>"));
        let second = part(&pptx, "ppt/slides/slide2.xml");
        assert!(
            second.contains("<a:t>Herat &amp; Kandahar &lt;claims&gt;</a:t>"),
            "escaped"
        );
        let notes = part(&pptx, "ppt/notesSlides/notesSlide1.xml");
        assert!(notes.contains(r#"<p:ph type="body" idx="1"/>"#));
        assert!(notes.contains("<a:t>Say: verified by the UN.</a:t>"));
        assert!(notes.contains("<a:t>Then: the claims.</a:t>"));
        let rels = part(&pptx, "ppt/slides/_rels/slide1.xml.rels");
        assert!(
            rels.contains("../media/map1.png") && rels.contains("../notesSlides/notesSlide1.xml")
        );
        let types = part(&pptx, "[Content_Types].xml");
        assert!(
            types.contains("/ppt/slides/slide2.xml")
                && types.contains("/ppt/notesSlides/notesSlide2.xml")
        );
    }

    #[test]
    fn the_picture_keeps_its_aspect_inside_the_slide() {
        let xml = slide_xml(&slide("t", ""));
        let ext = xml
            .split("<p:pic>")
            .nth(1)
            .and_then(|pic| pic.split(r#"<a:ext cx=""#).nth(1))
            .expect("the picture's size");
        let numbers: Vec<i64> = ext
            .split(['"', ' '])
            .filter_map(|s| s.trim_start_matches("cy=").trim_matches('"').parse().ok())
            .take(2)
            .collect();
        let (width, height) = (numbers[0], numbers[1]);
        assert!(width <= SLIDE_WIDTH && height <= SLIDE_HEIGHT);
        let aspect = width as f64 / height as f64;
        assert!((aspect - 1848.0 / 800.0).abs() < 0.01, "{aspect}");
    }
}
