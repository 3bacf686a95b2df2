"""Mongolian as its readers write dates: year, month, day ("2026 оны 12-р сарын 2"), 24-hour clock.
Django's own Mongolian formats give "02 12-р сар 2026" and an English-style time ("9:05 a.m.").
None of the Cyrillic letters are format characters, so they need no escaping."""

DATE_FORMAT = "Y оны n-р сарын j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y оны n-р сарын j, H:i"
YEAR_MONTH_FORMAT = "Y оны n-р сар"
MONTH_DAY_FORMAT = "n-р сарын j"
SHORT_DATE_FORMAT = "Y.m.d"
SHORT_DATETIME_FORMAT = "Y.m.d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
