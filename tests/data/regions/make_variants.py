#!/usr/bin/env python3
"""Builds the bad-data variants in this folder from the real files in scenarios/data/.

Each variant breaks exactly one rule of the region loader; tests/regions.tests.cpp checks the
message, file and line reported for it. The `source` and `notes` columns are dropped (the loader finds
columns by name), which keeps the files small; regions_quoted_bom.csv keeps them and adds a BOM.
Rerun after a change to the real data: python3 tests/data/regions/make_variants.py
"""
import csv
import io
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parents[2] / "scenarios" / "data"


def read(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write(name, rows, drop=("source", "notes"), eol="\r\n", prefix="", raw_tail=""):
    keep = [i for i, h in enumerate(rows[0]) if h not in drop]
    out = io.StringIO()
    w = csv.writer(out, lineterminator=eol)
    for row in rows:
        w.writerow([row[i] for i in keep if i < len(row)])
    (HERE / name).write_text(prefix + out.getvalue() + raw_tail, encoding="utf-8", newline="")


def edit(rows, line, column, value):
    """Copy of rows with the cell on 1-based file line `line` in `column` set to value."""
    rows = [list(r) for r in rows]
    rows[line - 1][rows[0].index(column)] = value
    return rows


regions = read("regions_2015.csv")
adjacency = read("region_adjacency.csv")
municipalities = read("municipalities_2015.csv")
companies = read("company_municipalities.csv")

# regions_2015.csv: line k+1 holds region id k.
write("regions_duplicate_code.csv", edit(regions, 6, "cbs_code", "AM01"))
write("regions_duplicate_id.csv", edit(regions, 9, "id", "4"))
write("regions_duplicate_name.csv", edit(regions, 12, "name", "groningen"))
write("regions_id_out_of_range.csv", edit(regions, 36, "id", "36"))
write("regions_bad_code.csv", edit(regions, 3, "cbs_code", "A02"))
write("regions_not_a_number.csv", edit(regions, 7, "wsw_persons", "abc"))
write("regions_negative.csv", edit(regions, 20, "bijstand_persons", "-5"))
write("regions_population_huge.csv", edit(regions, 5, "population_total", "1e12"))
write("regions_34_rows.csv", regions[:-1])
write("regions_missing_column.csv", regions, drop=("source", "wsw_persons"))
write("regions_short_row.csv", [r[:-2] if i == 10 else r for i, r in enumerate(regions, 1)])
write("regions_unterminated_quote.csv", regions[:-1], drop=(),
      raw_tail='35,AM30,"Zuid-Limburg,Heerlen,S,18,18,600860\r\n')
# Valid: a byte-order mark, LF line ends, no newline at the end, quoted `source` fields kept.
write("regions_quoted_bom.csv", regions, drop=(), eol="\n", prefix="\ufeff")
text = (HERE / "regions_quoted_bom.csv").read_text(encoding="utf-8")
(HERE / "regions_quoted_bom.csv").write_text(text.rstrip("\n"), encoding="utf-8", newline="")

# region_adjacency.csv: line k+1 holds pair k.
write("adjacency_unknown_name.csv", edit(adjacency, 3, "region_b", "Drente"))
write("adjacency_self_loop.csv", edit(adjacency, 5, "region_b", "Friesland"))
write("adjacency_duplicate_pair.csv", adjacency + [["Drenthe", "Groningen", "land", "high"]])
write("adjacency_bad_type.csv", edit(adjacency, 10, "type", "road"))
write("adjacency_bad_confidence.csv", edit(adjacency, 11, "confidence", "certain"))
# Midden-Limburg - Zuid-Limburg is Zuid-Limburg's only border.
write("adjacency_disconnected.csv", adjacency[:-1])
write("adjacency_missing_column.csv", adjacency, drop=("type",))

# municipalities_2015.csv: line k+1 holds municipality k (Aa en Hunze, Appingedam, ... of region 1 first).
mdrop = ("source", "note_2016", "province", "region_name", "cbs_am_code_2015_table", "gm_code_2016",
         "population_15_64_2016", "pop_15plus_2016", "bijstand_persons_2016", "wsw_persons_2016",
         "population_15plus", "bijstand_persons_15_64", "wsw_persons_15_64")
write("municipalities_bad_code.csv", edit(municipalities, 5, "gm_code", "G0123"), drop=mdrop)
write("municipalities_unknown_region.csv", edit(municipalities, 8, "region_id", "36"), drop=mdrop)
write("municipalities_code_mismatch.csv", edit(municipalities, 3, "cbs_am_code", "AM02"), drop=mdrop)
write("municipalities_sum_mismatch.csv", edit(municipalities, 2, "wsw_persons", "150"), drop=mdrop)
# company_municipalities.csv: line k+1 holds municipality k's company.
cdrop = ("source", "note", "region_name", "wsw_persons_2015")
write("companies_unknown_municipality.csv", edit(companies, 4, "gm_code", "GM9999"), drop=cdrop)
write("companies_listed_twice.csv", edit(companies, 6, "gm_code", companies[1][0]), drop=cdrop)
write("companies_two_names.csv", edit(companies, 2, "company", "Alescon BV"), drop=cdrop)
write("companies_bad_confidence.csv", edit(companies, 3, "confidence", "X"), drop=cdrop)
