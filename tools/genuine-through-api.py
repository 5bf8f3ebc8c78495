#!/usr/bin/env python3
"""Sends genuine Home Credit rows to a running server as a lender's systems would: each application_test client of
the real sample with a share of the sample's history rows, re-keyed to it (the sample's side tables are random rows,
not linked to its applications, so most POS and card rows name no previous application of the request).

Usage: tools/genuine-through-api.py SAMPLE_DIR URL KEY_FILE [CLIENTS]
  e.g. tools/genuine-through-api.py ../shared/data/real-sample http://127.0.0.1:7070 key.txt 300
Prints the answers' status codes and the warnings' kinds."""
import collections, csv, json, os, sys, urllib.error, urllib.request

sample, url, key_file = sys.argv[1:4]
clients = int(sys.argv[4]) if len(sys.argv) > 4 else 300
key = open(key_file).read().strip()
here = os.path.dirname(os.path.abspath(__file__))
schema = json.load(open(os.path.join(here, '../base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json')))
types = {(t['name'], c['name']): c['type'] for t in schema['tables'] for c in t['columns']}
side_tables = ['bureau', 'bureau_balance', 'previous_application', 'POS_CASH_balance', 'installments_payments',
               'credit_card_balance']


def value(table, column, text):
    kind = types.get((table, column), 'text')
    if text == '':
        return None
    if kind == 'text':
        return text
    number = float(text)
    return int(number) if kind == 'integer' else number


def rows(table):
    with open(os.path.join(sample, table + '.csv'), newline='') as f:
        return [{k: value(table, k, v) for k, v in r.items()} for r in csv.DictReader(f)]


apps = rows('application_test')[:clients]
ids = [a['SK_ID_CURR'] for a in apps]
by = {t: collections.defaultdict(list) for t in side_tables}
owner = {}  # the sample's client of each side-table client, re-keyed round robin to the applications
bureau_client = {}
for table in side_tables:
    keys = set()
    for r in rows(table):
        unique = {'bureau': 'SK_ID_BUREAU', 'previous_application': 'SK_ID_PREV'}.get(table)
        if unique:  # the public copies repeat some rows: a real file holds each credit once
            if r[unique] in keys:
                continue
            keys.add(r[unique])
        if table == 'bureau_balance':
            client = bureau_client.get(r['SK_ID_BUREAU'])
        else:
            client = owner.setdefault(r['SK_ID_CURR'], ids[len(owner) % len(ids)])
            r['SK_ID_CURR'] = client
        if table == 'bureau':
            bureau_client[r['SK_ID_BUREAU']] = client
        if client is not None:
            by[table][client].append(r)

codes, kinds, refusals = collections.Counter(), collections.Counter(), []
for a in apps:
    history = {t: by[t].get(a['SK_ID_CURR'], []) for t in side_tables}
    body = json.dumps({'application': {k: v for k, v in a.items() if v is not None}, 'history': history},
                      allow_nan=False).encode()
    request = urllib.request.Request(url.rstrip('/') + '/api/v1/score', data=body,
                                     headers={'X-API-Key': key, 'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request) as answer:
            codes[answer.status] += 1
            for w in json.load(answer).get('warnings', []):
                kinds[w['kind']] += 1
    except urllib.error.HTTPError as e:
        codes[e.code] += 1
        refusals.append(e.read().decode()[:300])
print('applications', len(apps), 'history rows', sum(len(v) for t in by for v in by[t].values()))
print('answers', dict(codes))
print('warnings', dict(kinds))
for r in refusals[:3]:
    print('refused:', r)
