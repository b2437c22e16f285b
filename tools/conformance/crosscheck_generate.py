"""Writes results for the comparer cross-check: for each case, one result built from the recording
(placeholders filled with plausible values, JSON texts where the API has texts, Parallel blocks
shuffled) and two mutated ones.  Usage: crosscheck_generate.py SEED OUT_DIR [CONFORMANCE_DIR]
Then: dotnet run -c Release --project tools/Quickstep.Tools -- crosscheck OUT_DIR
and crosscheck_compare.py OUT_DIR [CONFORMANCE_DIR]: every C# difference must equal compare.py's."""
import json, sys, random, re, copy, uuid, os
OUT = sys.argv[2] if len(sys.argv) > 2 else '/tmp/xc'
CONF = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'data', 'conformance')
os.makedirs(OUT, exist_ok=True)
sys.path.insert(0, CONF)
import compare as c
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
cases = [x for x in c.load_cases(os.path.join(CONF, 'cases')) if x.get('kind') != 'test_state']
ANGLE = re.compile(c.ANGLE_PLACEHOLDER.pattern)
def fill_str(s, subs):
    s = ANGLE.sub(lambda m: m.group(0) if m.group(0) == '<omitted>' else str(uuid.uuid4()), s)
    s = s.replace('111111111111', '123456789012')
    for t in subs:
        if t: s = s.replace(t, 'zz' + t[::-1][:3])
    if s == 'date': s = '2026-03-23T08:52:00.123Z'
    elif 'date' in s and random.random() < .5: s = s.replace('date', '2024-02-29T10:00:00+01:00')
    return s
def fill(v, subs, vals):
    if isinstance(v, str):
        if v in vals and random.random() < .5: return random.choice([1, 'x', None, {'a': 1}])
        return fill_str(v, subs)
    if isinstance(v, list): return [fill(x, subs, vals) for x in v]
    if isinstance(v, dict): return {k: fill(x, subs, vals) for k, x in v.items()}
    if isinstance(v, float) and v.is_integer() and random.random() < .3: return int(v)
    if isinstance(v, int) and not isinstance(v, bool) and random.random() < .3: return float(v)
    return v
def leaves(v, path=()):
    if isinstance(v, dict):
        yield path, v
        for k, x in v.items(): yield from leaves(x, path + (k,))
    elif isinstance(v, list):
        yield path, v
        for i, x in enumerate(v): yield from leaves(x, path + (i,))
    else: yield path, v
def mutate(v):
    ls = list(leaves(v))
    if not ls: return v
    path, leaf = random.choice(ls)
    def new(x):
        if isinstance(x, bool): return random.choice([not x, 1 if x else 0])
        if isinstance(x, (int, float)): return random.choice([x + 1, str(x), True])
        if isinstance(x, str): return random.choice([x + 'x', x[:-1], None, x.upper()])
        if x is None: return random.choice([0, False, ''])
        if isinstance(x, dict):
            y = dict(x)
            if y and random.random() < .5: y.pop(random.choice(list(y)))
            else: y['extra'] = 1
            return y
        if isinstance(x, list): return x[:-1] if x and random.random() < .5 else x + [1]
    if not path: return new(leaf)
    root = copy.deepcopy(v); t = root
    for p in path[:-1]: t = t[p]
    t[path[-1]] = new(leaf)
    return root
def textify(details):
    out = {}
    for k, v in details.items():
        if k in ('input', 'output', 'parameters') and not isinstance(v, str):
            out[k] = json.dumps(v, separators=(',', ':'))
        elif k == 'cause' and isinstance(v, dict):
            out[k] = json.dumps(v)
        else: out[k] = v
    return out
def to_actual_history(h, subs, vals):
    out = []; i = 0
    for n, e in enumerate(h):
        e = copy.deepcopy(e)
        if isinstance(e.get('id'), list): e['id'] = n + 1; e['previousEventId'] = n
        ev = {'timestamp': '2026-03-23T08:52:00.000Z'}
        for k, v in e.items():
            ev[k] = textify(fill(v, subs, vals)) if k.endswith('EventDetails') and isinstance(v, dict) else v
        out.append(ev)
    # shuffle Parallel blocks
    n = 0
    while n < len(h):
        if isinstance(h[n].get('id'), list):
            m = n
            while m < len(h) and isinstance(h[m].get('id'), list): m += 1
            block = out[n:m]; random.shuffle(block); out[n:m] = block; n = m
        else: n += 1
    return out
count = 0
for case in cases:
    exp = case['expected']; ph = case.get('placeholders') or {}
    subs = list(c.GLOBAL_SUBSTRING_TOKENS) + ph.get('substring', [])
    vals = set(c.GLOBAL_VALUE_TOKENS) | set(ph.get('value', []))
    for variant in range(3):
        r = {'id': case['id'], 'status': exp['status'], 'output': None, 'error': None, 'cause': None, 'history': None}
        if exp['status'] == 'SUCCEEDED': r['output'] = fill(exp.get('output'), subs, vals)
        else:
            r['error'] = exp.get('error')
            cause = exp.get('cause')
            r['cause'] = json.dumps(fill(cause, subs, vals)) if isinstance(cause, dict) else (fill_str(cause, subs) if isinstance(cause, str) else cause)
        if isinstance(exp.get('history'), list):
            r['history'] = to_actual_history(exp['history'], subs, vals)
        if variant >= 1:
            which = random.choice(['output', 'history', 'status', 'error', 'cause'])
            if which == 'output': r['output'] = mutate(r['output'])
            elif which == 'history' and r['history']:
                k = random.randrange(len(r['history']))
                if random.random() < .3 and len(r['history']) > 1: r['history'].pop(k)
                else: r['history'][k] = mutate(r['history'][k])
            elif which == 'status': r['status'] = random.choice(['FAILED', 'SUCCEEDED', 'TIMED_OUT'])
            elif which == 'error': r['error'] = random.choice([None, '', 'States.Runtime', (r['error'] or '') + 'x'])
            else: r['cause'] = mutate(r['cause']) if isinstance(r['cause'], str) and random.random() < .3 else random.choice([None, 'x', '{"a":1}'])
        fn = os.path.join(OUT, f"{count:05d}.json"); count += 1
        json.dump(r, open(fn, 'w'))
print(count)
