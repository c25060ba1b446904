"""Publication dates: formats, precision, time zones."""

from __future__ import annotations

import pytest

from storyline.clean.dates import parse_date, parse_date_line


@pytest.mark.parametrize("text,tz,iso,precision", [
    ("20.05.2021 07:47", "Europe/Vienna", "2021-05-20T07:47+02:00", "minute"),
    ("12.03.2024 09:15", "Europe/Vienna", "2024-03-12T09:15+01:00", "minute"),  # winter time
    ("Aktualisiert: 12.03.2024, 09:15 Uhr", "Europe/Berlin", "2024-03-12T09:15+01:00", "minute"),
    ("Tue 12 Mar 2024 09.15 GMT", "Europe/London", "2024-03-12T09:15+00:00", "minute"),
    ("Publié le 12 mars 2024 à 09h15", "Europe/Paris", "2024-03-12T09:15+01:00", "minute"),
    ("12 mar 2024 - 09:15 CET", "Europe/Madrid", "2024-03-12T09:15+01:00", "minute"),
    ("12 de marzo de 2024", "Europe/Madrid", "2024-03-12", "day"),
    ("March 12, 2024 9:15 am ET", None, "2024-03-12T09:15-04:00", "minute"),  # EDT from 10 March
    ("March 12, 2024 9:15 pm EST", "America/New_York", "2024-03-12T22:15-04:00", "minute"),
    ("2024-03-12T09:15:00+01:00", "Europe/Berlin", "2024-03-12T09:15+01:00", "minute"),
    ("2024-03-12T08:15:00Z", "Europe/Berlin", "2024-03-12T09:15+01:00", "minute"),
    ("Tue, 12 Mar 2024 09:15:00 +0100", None, "2024-03-12T09:15+01:00", "minute"),
    ("2021-05", None, "2021-05", "month"),
    ("März 2024", None, "2024-03", "month"),
    ("20. Mai 2021", None, "2021-05-20", "day"),
    ("03/12/2024", "America/New_York", "2024-03-12", "day"),
    ("12/03/2024", "Europe/Paris", "2024-03-12", "day"),
])
def test_formats(text, tz, iso, precision):
    got = parse_date(text, outlet_tz=tz)
    assert got is not None and (got.iso(), got.precision) == (iso, precision)


def test_outlet_zone_is_named_and_naive_times_stay_naive():
    got = parse_date("20.05.2021 07:47", outlet_tz="Europe/Vienna")
    assert got.zone == "Europe/Vienna"
    naive = parse_date("20.05.2021 07:47")
    assert naive.iso() == "2021-05-20T07:47" and naive.zone is None


@pytest.mark.parametrize("line", ["Der Gipfel am 12.03.2024 brachte wenig, sagte der Sprecher der Regierung in Wien.",
                                  "Ausland", "Loading...", "00:00 / 00:00", ""])
def test_a_sentence_with_a_date_is_not_a_date_line(line):
    assert parse_date_line(line) is None


def test_update_lines_are_flagged():
    got, is_update = parse_date_line("Aktualisiert am 12.03.2024, 09:15 Uhr")
    assert is_update and got.precision == "minute"
    assert parse_date_line("12.03.2024 09:15")[1] is False


def test_impossible_dates_are_not_dates():
    assert parse_date("31.02.2024") is None or parse_date("31.02.2024").iso() != "2024-02-31"
