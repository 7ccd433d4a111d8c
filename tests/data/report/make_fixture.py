"""Makes the report test fixture from a small `swsim compare` folder: keeps three regions and NL,
makes the manifest's paths relative to this folder, and writes a hand-made sensitivity.csv.
  swsim compare sterfhuis.yaml ontwikkelbedrijf.yaml --replications 2 --out /tmp/fx
  (both at simulation.scale 0.05, end 2017-12), then: python3 make_fixture.py /tmp/fx"""
import csv, json, os, sys

src, here = sys.argv[1], os.path.dirname(os.path.abspath(__file__))
keep = {"AM01", "AM02", "AM22", "NL"}
for name in ("yearly.csv", "summary.csv", "comparison.csv"):
    with open(os.path.join(src, name), newline="") as f, open(os.path.join(here, name), "w", newline="") as out:
        rows = csv.reader(f)
        header = next(rows)
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(r for r in rows if r[header.index("region")] in keep)
m = json.load(open(os.path.join(src, "manifest.json")))
m["command"] = "swsim compare sterfhuis.yaml ontwikkelbedrijf.yaml --replications 2 --out tests/data/report"
for s in m["scenarios"]:
    s["file"] = s["name"] + ".yaml"
    r = s["resolved"]["regions"]
    for k in ("regions_csv", "adjacency_csv", "companies_csv"):
        r[k] = "../../../scenarios/data/" + os.path.basename(r[k])
with open(os.path.join(here, "manifest.json"), "w") as f:
    f.write(json.dumps(m, indent=2) + "\n")
sens = [("morris", "policy.company.functions.matching.placement_multiplier", 38000, 21000),
        ("morris", "policy.company.overhead_euro_per_se_per_year", 52000, 8000),
        ("morris", "inflow.bijstand.per_1000_pop_15_64_per_year", 17000, 12000)]
with open(os.path.join(here, "sensitivity.csv"), "w") as f:
    f.write("method,factor,output,index,value,ci_low,ci_high\n")
    for out in ("municipal_net_cost:NL:2017", "wsw:NL:2017"):
        for method, factor, mu, sigma in sens:
            scale = 1 if out.startswith("municipal") else 0.01
            f.write(f"{method},{factor},{out},mu_star,{mu*scale:g},{mu*scale*0.8:g},{mu*scale*1.2:g}\n")
            f.write(f"{method},{factor},{out},sigma,{sigma*scale:g},NA,NA\n")
            f.write(f"{method},{factor},{out},mu,{-mu*scale/2:g},NA,NA\n")
    for factor, s1, st in (("policy.company.functions.matching.placement_multiplier", 0.42, 0.55),
                           ("policy.company.overhead_euro_per_se_per_year", 0.30, 0.33),
                           ("inflow.bijstand.per_1000_pop_15_64_per_year", 0.08, 0.15)):
        f.write(f"sobol,{factor},municipal_net_cost:NL:2017,S1,{s1},{s1-0.05:.2f},{s1+0.05:.2f}\n")
        f.write(f"sobol,{factor},municipal_net_cost:NL:2017,ST,{st},{st-0.06:.2f},{st+0.06:.2f}\n")
# Last, as swsim does: the manifest lists every file with its size and sha256 (readers verify them).
import hashlib
files = {}
for name in sorted(("comparison.csv", "sensitivity.csv", "summary.csv", "yearly.csv")):
    data = open(os.path.join(here, name), "rb").read()
    files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
m["files"] = files
with open(os.path.join(here, "manifest.json"), "w") as f:
    f.write(json.dumps(m, indent=2) + "\n")
