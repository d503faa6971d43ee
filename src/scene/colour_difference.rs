//! How different two colours look: sRGB → CIELAB (D65) and the CIEDE2000 colour difference
//! (Sharma, Wu and Dalal 2005, "The CIEDE2000 colour-difference formula: implementation notes,
//! supplementary test data, and mathematical observations"). The palette's tests and the
//! evidence ramps use it; nothing here knows about the map.

/// A colour in CIELAB: lightness 0–100, then the green–red and blue–yellow axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lab {
    /// Lightness, 0 (black) to 100 (white).
    pub l: f64,
    /// Green (−) to red (+).
    pub a: f64,
    /// Blue (−) to yellow (+).
    pub b: f64,
}

/// The D65 reference white in XYZ, as sRGB defines it.
const WHITE_XYZ: [f64; 3] = [0.950_47, 1.0, 1.088_83];

/// An 8-bit sRGB colour in CIELAB (D65).
pub fn lab_from_srgb([r, g, b]: [u8; 3]) -> Lab {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (linear(r), linear(g), linear(b));
    let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = 0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b;
    let f = |t: f64| {
        const EPSILON: f64 = 216.0 / 24_389.0;
        const KAPPA: f64 = 24_389.0 / 27.0;
        if t > EPSILON {
            t.cbrt()
        } else {
            (KAPPA * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (
        f(x / WHITE_XYZ[0]),
        f(y / WHITE_XYZ[1]),
        f(z / WHITE_XYZ[2]),
    );
    Lab {
        l: 116.0 * fy - 16.0,
        a: 500.0 * (fx - fy),
        b: 200.0 * (fy - fz),
    }
}

/// The CIEDE2000 difference between two CIELAB colours (kL = kC = kH = 1). About 1 is the
/// smallest difference most people see side by side; 10 reads as another step of a ramp.
pub fn ciede2000(first: Lab, second: Lab) -> f64 {
    let (l1, a1, b1) = (first.l, first.a, first.b);
    let (l2, a2, b2) = (second.l, second.a, second.b);
    let pow7 = |x: f64| x.powi(7);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));

    let delta_l = l2 - l1;
    let delta_c = c2p - c1p;
    let chroma_product = c1p * c2p;
    let delta_h_angle = if chroma_product == 0.0 {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let delta_h = 2.0 * chroma_product.sqrt() * (delta_h_angle.to_radians() / 2.0).sin();

    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar = if chroma_product == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos_deg = |d: f64| d.to_radians().cos();
    let t = 1.0 - 0.17 * cos_deg(h_bar - 30.0)
        + 0.24 * cos_deg(2.0 * h_bar)
        + 0.32 * cos_deg(3.0 * h_bar + 6.0)
        - 0.20 * cos_deg(4.0 * h_bar - 63.0);
    let delta_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(c_bar_p) / (pow7(c_bar_p) + pow7(25.0))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar_p;
    let s_h = 1.0 + 0.015 * c_bar_p * t;
    let r_t = -(2.0 * delta_theta).to_radians().sin() * r_c;
    let (l, c, h) = (delta_l / s_l, delta_c / s_c, delta_h / s_h);
    (l * l + c * c + h * h + r_t * c * h).sqrt()
}

/// The CIEDE2000 difference between two 8-bit sRGB colours.
pub fn delta_e(first: [u8; 3], second: [u8; 3]) -> f64 {
    ciede2000(lab_from_srgb(first), lab_from_srgb(second))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    #[test]
    fn ciede2000_matches_sharmas_published_test_pairs() {
        // Sharma, Wu and Dalal (2005), table 1: pairs 1–34 minus near-duplicates.
        let pairs = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (
                lab(50.0, 3.1571, -77.2803),
                lab(50.0, 0.0, -82.7485),
                2.8615,
            ),
            (
                lab(50.0, 2.8361, -74.0200),
                lab(50.0, 0.0, -82.7485),
                3.4412,
            ),
            (lab(50.0, -1.3802, -84.2814), lab(50.0, 0.0, -82.7485), 1.0),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, -1.0, 2.0), lab(50.0, 0.0, 0.0), 2.3669),
            (lab(50.0, 2.49, -0.001), lab(50.0, -2.49, 0.0009), 7.1792),
            (lab(50.0, 2.49, -0.001), lab(50.0, -2.49, 0.0011), 7.2195),
            (lab(50.0, -0.001, 2.49), lab(50.0, 0.0009, -2.49), 4.8045),
            (lab(50.0, -0.001, 2.49), lab(50.0, 0.0011, -2.49), 4.7461),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (lab(50.0, 2.5, 0.0), lab(61.0, -5.0, 29.0), 22.8977),
            (lab(50.0, 2.5, 0.0), lab(56.0, -27.0, -3.0), 31.9030),
            (lab(50.0, 2.5, 0.0), lab(58.0, 24.0, 15.0), 19.4535),
            (lab(50.0, 2.5, 0.0), lab(50.0, 3.1736, 0.5854), 1.0),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                lab(63.0109, -31.0961, -5.8663),
                lab(62.8187, -29.7946, -4.0864),
                1.2630,
            ),
            (
                lab(61.2901, 3.7196, -5.3901),
                lab(61.4292, 2.2480, -4.9620),
                1.8731,
            ),
            (
                lab(35.0831, -44.1164, 3.7933),
                lab(35.0232, -40.0716, 1.5901),
                1.8645,
            ),
            (
                lab(22.7233, 20.0904, -46.6940),
                lab(23.0331, 14.9730, -42.5619),
                2.0373,
            ),
            (
                lab(36.4612, 47.8580, 18.3852),
                lab(36.2715, 50.5065, 21.2231),
                1.4146,
            ),
            (
                lab(90.8027, -2.0831, 1.4410),
                lab(91.1528, -1.6435, 0.0447),
                1.4441,
            ),
            (
                lab(90.9257, -0.5406, -0.9208),
                lab(88.6381, -0.8985, -0.7239),
                1.5381,
            ),
            (
                lab(6.7747, -0.2908, -2.4247),
                lab(5.8714, -0.0985, -2.2286),
                0.6377,
            ),
            (
                lab(2.0776, 0.0795, -1.1350),
                lab(0.9033, -0.0636, -0.5514),
                0.9082,
            ),
        ];
        for (index, (first, second, expected)) in pairs.into_iter().enumerate() {
            let got = ciede2000(first, second);
            assert!(
                (got - expected).abs() < 1e-4,
                "pair {index}: {got:.4}, published {expected:.4}"
            );
            let back = ciede2000(second, first);
            assert!((back - got).abs() < 1e-9, "pair {index} is not symmetric");
        }
    }

    #[test]
    fn srgb_white_red_and_mid_grey_land_where_cielab_puts_them() {
        let close = |got: Lab, l: f64, a: f64, b: f64| {
            (got.l - l).abs() < 0.05 && (got.a - a).abs() < 0.05 && (got.b - b).abs() < 0.05
        };
        let white = lab_from_srgb([255, 255, 255]);
        assert!(close(white, 100.0, 0.0, 0.0), "{white:?}");
        let red = lab_from_srgb([255, 0, 0]);
        assert!(close(red, 53.24, 80.09, 67.20), "{red:?}");
        let grey = lab_from_srgb([119, 119, 119]);
        assert!(close(grey, 50.04, 0.0, 0.0), "{grey:?}");
        assert!(delta_e([0, 0, 0], [0, 0, 0]) == 0.0);
    }
}
