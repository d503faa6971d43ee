//! Days as numbers (days since 1970-01-01), so event days sort, subtract and index arrays.

use crate::data::Day;

/// Days since 1970-01-01 (negative before), proleptic Gregorian calendar.
pub fn day_number(day: Day) -> i32 {
    // Howard Hinnant's days_from_civil.
    let month = i32::from(day.month);
    let year = day.year - i32::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year =
        (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(day.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The day with this [`day_number`].
pub fn day_from_number(number: i32) -> Day {
    // Howard Hinnant's civil_from_days.
    let z = number + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    Day { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_count_days() {
        let epoch = Day {
            year: 1970,
            month: 1,
            day: 1,
        };
        assert_eq!(day_number(epoch), 0);
        let leap = Day {
            year: 2024,
            month: 2,
            day: 29,
        };
        let next = Day {
            year: 2024,
            month: 3,
            day: 1,
        };
        assert_eq!(day_number(next) - day_number(leap), 1);
        for n in [-800_000, -1, 0, 59, 60, 19_000, 20_000, 47_482, 100_000] {
            assert_eq!(day_number(day_from_number(n)), n, "{n}");
        }
        assert_eq!(day_from_number(day_number(leap)), leap);
    }
}
