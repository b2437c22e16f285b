"""Sets the C# comparer's differences (csharp-diffs.json, see crosscheck_generate.py) beside compare.py's.
Usage: crosscheck_compare.py OUT_DIR [CONFORMANCE_DIR]; prints the mismatches (there must be none)."""
import json, sys, glob, os
OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/xc'
CONF = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'data', 'conformance')
sys.path.insert(0, CONF)
import compare as c
cases = {x['id']: x for x in c.load_cases(os.path.join(CONF, 'cases')) if x.get('kind') != 'test_state'}
cs = json.load(open(os.path.join(OUT, 'csharp-diffs.json')))
bad = 0; kinds = {'match': 0, 'diff': 0}
for fn, d in sorted(cs.items()):
    r = json.load(open(os.path.join(OUT, fn))); case = cases[r['id']]
    py = c.compare_result(case, r, ignore_cause=case['expected']['status'] == 'INVALID_DEFINITION')
    ph = c.compare_history(case, r) if isinstance(case['expected'].get('history'), list) else None
    kinds['match' if py is None else 'diff'] += 1
    if py != d['result'] or ph != d['history']:
        bad += 1
        if bad <= 15: print(fn, r['id'], '\n py:', py, '\n cs:', d['result'], '\n pyh:', ph, '\n csh:', d['history'])
print(len(cs), kinds, 'mismatches', bad)
