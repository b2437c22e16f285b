#!/usr/bin/env python3
"""Regenerates excluded-cases.txt and excluded-history.txt from a real run, with a reason per case
grouped by root cause, and writes TestResults/failure-groups.md (counts, one example each) as the
raw material of FAILURES.md.

    QUICKSTEP_CONFORMANCE_DUMP=1 dotnet test tests/Quickstep.Conformance.Tests -c Release
    python3 tools/conformance/write_exclusions.py

Reads TestResults/conformance-report.json and TestResults/results/*.json (the engine's results).
Every failing case is excluded, whatever the exclusion lists said before: run it on a build whose
failures you accept.  A failure no rule below recognises keeps its first difference as its reason."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PROJECT = os.path.join(REPO, 'tests', 'Quickstep.Conformance.Tests')
RESULTS = os.path.join(PROJECT, 'TestResults')
CONF = os.environ.get('QUICKSTEP_CONFORMANCE_DIR') or os.path.join(REPO, 'tests', 'data', 'conformance')
sys.path.insert(0, CONF)
import compare  # noqa: E402  (the corpus's own comparer, for loading cases)

cases = {c['id']: c for c in compare.load_cases(os.path.join(CONF, 'cases')) if c.get('kind') != 'test_state'}
report = json.load(open(os.path.join(RESULTS, 'conformance-report.json'), encoding='utf-8'))


def engine_result(entry):
    path = os.path.join(RESULTS, 'results', entry['file'])
    return json.load(open(path, encoding='utf-8')) if os.path.exists(path) else None


def harness_error_reason(cause):
    if 'Jsonata' in cause:
        return 'JSONata not implemented (Quickstep.Jsonata.JsonataExpression is a stub)'
    m = re.search(r'NotImplementedException: .*? at (Quickstep[\w.]+)', cause)
    if m:
        return f'not implemented: {m.group(1)}'
    if 'no result within' in cause:
        return 'hung: no result within the real-time limit'
    return 'engine threw: ' + cause[:160]


def result_reason(cid, entry):
    case = cases[cid]
    d = entry['detail'] or ''
    if entry['status'] == 'ERROR':
        return harness_error_reason(entry['cause'] or '')
    if "missing ['RedriveCount']" in d and case.get('recorded_via') == 'log_end':
        return ('context object: an asynchronous Express execution (StartExecution) has Execution.RedriveCount 0; '
                'the engine leaves it out of every Express execution (only StartSyncExecution does)')
    if "missing ['LogResult']" in d:
        return 'lambda:invoke with LogType "Tail": the response lacks LogResult and the X-Amz-Log-Result headers'
    if 'No handler is registered' in d and 'Invalid path' in d:
        return ('Task: HeartbeatSecondsPath/TimeoutSecondsPath are evaluated after the resource lookup; '
                'AWS fails on the path first (Invalid path …)')
    exp_cause, act_cause = case['expected'].get('cause'), entry.get('cause') or ''
    trimmed = re.sub(r"The JSONata expression '\s+(.*?)\s+' specified", r"The JSONata expression '\1' specified", act_cause, flags=re.S)
    if isinstance(exp_cause, str) and trimmed != act_cause and compare.match_string(exp_cause, trimmed, compare.Tokens(case.get('placeholders'))):
        return ('JSONata error causes quote the expression untrimmed: AWS writes \'$x\' for "{% $x %}", '
                'the engine \' $x \'')
    if re.search(r'expected ([^\s,]+), got \[\1\]$', d):
        return 'JSONata: a one-item result sequence must be a single value (AWS: 1), the engine returns an array ([1])'
    if isinstance(exp_cause, str) and 'returned an unsupported result type.' in exp_cause and 'returned nothing (undefined)' in act_cause:
        return ('JSONata: an expression whose value is a function "returned an unsupported result type." in AWS; '
                'the engine says "returned nothing (undefined)"')
    if d.startswith('status: expected INVALID_DEFINITION'):
        return 'validation: AWS refuses this definition, the engine accepts it'
    if re.match(r'status: expected \w+, got INVALID_DEFINITION', d):
        return 'validation: the engine refuses a definition AWS accepts: ' + (entry['cause'] or '')[:140]
    return 'first difference: ' + d[:200]


def history_reason(cid, entry):
    case = cases[cid]
    exp = case['expected']['history']
    d = entry['history']['detail'] or ''
    if d.startswith('history: no history'):
        if entry['status'] == 'INVALID_DEFINITION':
            return 'no history: the engine refused the definition'
        return 'no history: ' + harness_error_reason(entry['cause'] or '')
    ids = [e['id'] for e in exp if isinstance(e.get('id'), int)]
    gap = any(b - a > 1 for a, b in zip(ids, ids[1:])) and any(isinstance(e.get('id'), list) for e in exp)
    if gap:
        also = ''
        if any(e.get('type') == 'TaskStateAborted' for e in exp):
            also = '; the engine also lacks the branch\'s TaskStateAborted event'
        return ('unmatchable recording: the recorder lost one event of the sorted Parallel block (ids jump: '
                'ParallelStateSucceeded/Failed), so no faithful history has the recorded length' + also)
    if 'expected EvaluationFailed, got' in d:
        return ('EvaluationFailed missing: AWS records EvaluationFailed {cause, error, location, state} when a '
                'JSONata evaluation fails (States.QueryEvaluationError); the engine records none')
    if "missing ['LogResult']" in d:
        return 'lambda:invoke with LogType "Tail": the response lacks LogResult (same as the result)'
    if re.search(r'expected ([^\s,]+), got \[\1\]$', d):
        return 'JSONata: a one-item result sequence must be a single value (same as the result)'
    if "unexpected ['RedriveCount']" in d and '2023' in case.get('recorded_date', ''):
        return ('stale recording: made in 2023 before AWS added Execution.RedriveCount to the context object; '
                'the engine (like AWS today) includes it')
    m = re.match(r'history\[(\d+)\]\.previousEventId: expected (\d+), got (\d+)', d)
    if m and exp[int(m.group(1))]['type'] == 'MapStateExited' and case.get('recorded_date', '')[6:10] == '2024' \
            and any(e.get('type') == 'MapRunSucceeded' and e.get('id') == int(m.group(2)) for e in exp):
        return ('stale recording: made before November 2024, when AWS pointed a Distributed Map\'s MapStateExited at '
                'MapRunSucceeded; every later recording (and the engine) points it at MapRunStarted')
    if m:
        i, want, got = int(m.group(1)), int(m.group(2)), int(m.group(3))
        t = exp[i]['type']
        if want == 0 and i == 1:
            return f'previousEventId: the start state\'s <Type>StateEntered has previousEventId 0 in AWS (engine: {got})'
        act = engine_result(entry)
        types = {e['id']: e['type'] for e in (act or {}).get('history') or []}
        return (f'previousEventId of {t}: AWS points at {types.get(want, want) if want else 0}, '
                f'the engine at {types.get(got, got)}')
    if 'expected MapRunStarted, got MapIterationStarted' in d:
        return ('Distributed Map: AWS records MapRunStarted/MapRunSucceeded (the iterations run in a child map run); '
                'the engine records inline MapIteration* and state events')
    if re.search(r'expected MapStateStarted, got MapStateFailed', d):
        return ('Map Retry: AWS records MapIterationFailed then MapStateStarted for the next attempt (no MapStateFailed '
                'between attempts); the engine records MapStateFailed after each attempt')
    if re.search(r'expected ParallelStateStarted, got ParallelStateFailed', d):
        return ('Parallel Retry: AWS records ParallelStateStarted for the next attempt (no ParallelStateFailed '
                'between attempts); the engine records ParallelStateFailed after each attempt')
    if re.search(r'expected MapStateStarted, got ExecutionFailed', d):
        return ('Map: an invalid ToleratedFailure* value fails after MapStateStarted in AWS; the engine fails '
                'before recording MapStateStarted')
    if re.search(r'expected ExecutionFailed, got TaskScheduled', d):
        return ('Task: AWS fails on HeartbeatSecondsPath/TimeoutSecondsPath before TaskScheduled; the engine '
                'schedules the task first')
    m = re.match(r'(history\[\d+\]\.\w+EventDetails)(\S*): keys differ \(missing (\[.*?\]), unexpected (\[.*?\])\)', d)
    if m:
        field = re.sub(r'history\[\d+\]\.', '', m.group(1)) + re.sub(r'\[\d+\]', '[i]', m.group(2))
        return f'event details {field}: keys differ (missing {m.group(3)}, unexpected {m.group(4)})'
    return 'history first difference: ' + re.sub(r'\s+', ' ', d)[:200]


def write_list(path, header, rows):
    groups = collections.defaultdict(list)
    for cid, reason in rows:
        groups[reason].append(cid)
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(header)
        for reason in sorted(groups, key=lambda r: (-len(groups[r]), r)):
            fh.write(f'\n# {len(groups[reason])}: {reason}\n')
            for cid in sorted(groups[reason]):
                fh.write(f'{cid}\t{reason}\n')
    return groups


result_rows, history_rows = [], []
examples = {}
for cid, entry in sorted(report.items()):
    if entry['outcome'] != 'pass':
        r = result_reason(cid, entry)
        result_rows.append((cid, r))
        examples.setdefault(('results', r), (cid, entry['detail']))
    h = entry.get('history')
    if h and h['outcome'] != 'pass':
        r = history_reason(cid, entry)
        history_rows.append((cid, r))
        examples.setdefault(('history', r), (cid, h['detail']))

RESULT_HEADER = ('# Conformance cases (tests/data/conformance/cases) this build does not pass yet: case id <TAB> reason.\n'
                 '# Each is reported as Skipped by Cases.Result. Generated from a real run by tools/conformance/write_exclusions.py\n'
                 '# (grouped by root cause, largest group first); FAILURES.md explains each group. Never edit a case.\n')
HISTORY_HEADER = ('# Conformance cases whose recorded history (expected.history) this build does not match yet:\n'
                  '# case id <TAB> reason (the root cause of the first difference). Each is reported as Skipped by\n'
                  '# Cases.History. Generated from a real run by tools/conformance/write_exclusions.py; FAILURES.md explains each group.\n')
rg = write_list(os.path.join(PROJECT, 'excluded-cases.txt'), RESULT_HEADER, result_rows)
hg = write_list(os.path.join(PROJECT, 'excluded-history.txt'), HISTORY_HEADER, history_rows)

with open(os.path.join(RESULTS, 'failure-groups.md'), 'w', encoding='utf-8') as fh:
    for title, groups in (('results', rg), ('history', hg)):
        fh.write(f'## {title}: {sum(len(v) for v in groups.values())} failing\n\n')
        for reason in sorted(groups, key=lambda r: (-len(groups[r]), r)):
            cid, detail = examples[(title, reason)]
            fh.write(f'- {len(groups[reason])}: {reason}\n  - e.g. `{cid}`: {detail}\n')
        fh.write('\n')
# What the history failures look like once previousEventId is right (analysis only): compare.py with
# previousEventId left out of every recorded event, on the engine's dumped results.
_compare_event = compare.compare_event


def _compare_event_no_prev(exp, act, tokens, path, check_ids=True):
    return _compare_event({k: v for k, v in exp.items() if k != 'previousEventId'}, act, tokens, path, check_ids)


compare.compare_event = _compare_event_no_prev
behind = collections.Counter()
behind_example = {}
for cid, entry in sorted(report.items()):
    h = entry.get('history')
    act = engine_result(entry) if h and h['outcome'] != 'pass' else None
    if not act or not isinstance(act.get('history'), list):
        continue
    d = compare.compare_history(cases[cid], act)
    key = 'matches' if d is None else re.sub(r'history\[\d+\]', 'history[i]', re.sub(r'expected \d+ events, got \d+', 'expected N events, got M', d))[:160]
    behind[key] += 1
    behind_example.setdefault(key, cid)
compare.compare_event = _compare_event
with open(os.path.join(RESULTS, 'failure-groups.md'), 'a', encoding='utf-8') as fh:
    fh.write('## history with previousEventId ignored (failing histories that have events)\n\n')
    for key, n in behind.most_common():
        fh.write(f'- {n}: {key} (e.g. `{behind_example[key]}`)\n')

print(f'results: {len(result_rows)} excluded in {len(rg)} groups; history: {len(history_rows)} excluded in {len(hg)} groups')
