#!/usr/bin/env python3
"""Builds base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json.

Run by hand when the shared reference material changes:
    python3 tools/build-schema.py ../shared/data > base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json

Reads the exact Kaggle headers (column order), Kaggle's column descriptions, and the genuine sample rows,
only to decide each column's type the way the Kaggle files store it: a column written with a decimal point
anywhere is 'decimal' (pandas float64: integers with missing values are written "2.0"), one written as plain
integers is 'integer' (pandas int64, which cannot hold a missing value), anything else is 'text'.
No sample value is copied into the schema.
"""
import csv, json, os, sys

shared = sys.argv[1]
TABLES = [
    ("application_train", "Loan applications with their outcome (TARGET); one row per loan.", True),
    ("application_test", "Loan applications to score, same columns as application_train without TARGET.", False),
    ("bureau", "Client's previous credits at other institutions, reported by the Credit Bureau; one row per credit.", False),
    ("bureau_balance", "Monthly status of each Credit Bureau credit; one row per credit and month.", False),
    ("previous_application", "Client's previous applications for Home Credit loans; one row per application.", False),
    ("POS_CASH_balance", "Monthly snapshots of previous point-of-sale and cash loans with Home Credit.", False),
    ("installments_payments", "Repayment history of previous Home Credit credits; one row per installment payment.", False),
    ("credit_card_balance", "Monthly snapshots of previous Home Credit credit cards.", False),
]
DESC_TABLE = {"application_train": "application_{train|test}.csv", "application_test": "application_{train|test}.csv"}

# Text columns that are never empty in the full Kaggle files; every other text or decimal column may be empty.
COMPLETE_TEXT = {
    "application": {"NAME_CONTRACT_TYPE", "CODE_GENDER", "FLAG_OWN_CAR", "FLAG_OWN_REALTY", "NAME_INCOME_TYPE",
                    "NAME_EDUCATION_TYPE", "NAME_FAMILY_STATUS", "NAME_HOUSING_TYPE", "WEEKDAY_APPR_PROCESS_START",
                    "ORGANIZATION_TYPE"},
    "bureau": {"CREDIT_ACTIVE", "CREDIT_CURRENCY", "CREDIT_TYPE"},
    "bureau_balance": {"STATUS"},
    "previous_application": {"NAME_CONTRACT_TYPE", "WEEKDAY_APPR_PROCESS_START", "FLAG_LAST_APPL_PER_CONTRACT",
                             "NAME_CASH_LOAN_PURPOSE", "NAME_CONTRACT_STATUS", "NAME_PAYMENT_TYPE", "CODE_REJECT_REASON",
                             "NAME_CLIENT_TYPE", "NAME_GOODS_CATEGORY", "NAME_PORTFOLIO", "NAME_PRODUCT_TYPE",
                             "CHANNEL_TYPE", "NAME_SELLER_INDUSTRY", "NAME_YIELD_GROUP"},
    "POS_CASH_balance": {"NAME_CONTRACT_STATUS"},
    "credit_card_balance": {"NAME_CONTRACT_STATUS"},
}
# Keys: the role of a column and, for a foreign key, the table and column it points to.
KEYS = {
    ("application_train", "SK_ID_CURR"): ("primary_key", None),
    ("application_test", "SK_ID_CURR"): ("primary_key", None),
    ("application_train", "TARGET"): ("target", None),
    ("bureau", "SK_ID_CURR"): ("foreign_key", "application.SK_ID_CURR"),
    ("bureau", "SK_ID_BUREAU"): ("primary_key", None),
    ("bureau_balance", "SK_ID_BUREAU"): ("foreign_key", "bureau.SK_ID_BUREAU"),
    ("previous_application", "SK_ID_PREV"): ("primary_key", None),
    ("previous_application", "SK_ID_CURR"): ("foreign_key", "application.SK_ID_CURR"),
}
for t in ("POS_CASH_balance", "installments_payments", "credit_card_balance"):
    KEYS[(t, "SK_ID_PREV")] = ("foreign_key", "previous_application.SK_ID_PREV")
    KEYS[(t, "SK_ID_CURR")] = ("foreign_key", "application.SK_ID_CURR")

descriptions = {}
with open(os.path.join(shared, "HomeCredit_columns_description.csv"), encoding="latin-1") as f:
    for row in csv.DictReader(f):
        descriptions[(row["Table"], row["Row"].strip())] = (row["Description"].strip(), row["Special"].strip())

def infer_type(values):
    present = [v for v in values if v != ""]
    if not present:
        return "decimal"
    def is_int(v):
        try:
            int(v); return True
        except ValueError:
            return False
    def is_num(v):
        try:
            float(v); return True
        except ValueError:
            return False
    if all(is_int(v) for v in present):
        return "integer"
    if all(is_num(v) for v in present):
        return "decimal"
    return "text"

out = {"name": "Home Credit Default Risk", "tables": []}
for name, about, required in TABLES:
    with open(os.path.join(shared, "headers", name + ".csv")) as f:
        header = next(csv.reader(f))
    with open(os.path.join(shared, "real-sample", name + ".csv")) as f:
        rows = list(csv.reader(f))
    assert rows[0] == header, name
    family = "application" if name.startswith("application") else name
    columns = []
    for i, col in enumerate(header):
        ctype = infer_type([r[i] for r in rows[1:]])
        role, ref = KEYS.get((name, col), ("attribute", None))
        nullable = role == "attribute" and not (ctype == "integer" or col in COMPLETE_TEXT.get(family, ()))
        # Kaggle's description file spells SK_ID_BUREAU as SK_BUREAU_ID.
        lookup = "SK_BUREAU_ID" if col == "SK_ID_BUREAU" else col
        desc, special = descriptions[(DESC_TABLE.get(name, name + ".csv"), lookup)]
        entry = {"name": col, "type": ctype, "nullable": nullable, "role": role}
        if ref:
            entry["references"] = ref
        entry["description"] = desc
        if special:
            entry["note"] = special
        columns.append(entry)
    out["tables"].append({"name": name, "file": name + ".csv", "required": required,
                          "description": about, "columns": columns})

# One column per line keeps the resource readable and its diffs small.
lines = ['{', f'  "name": {json.dumps(out["name"])},', '  "tables": [']
for ti, t in enumerate(out["tables"]):
    lines.append('    {')
    for k in ("name", "file", "required", "description"):
        lines.append(f'      {json.dumps(k)}: {json.dumps(t[k])},')
    lines.append('      "columns": [')
    for ci, c in enumerate(t["columns"]):
        lines.append('        ' + json.dumps(c, ensure_ascii=False) + (',' if ci < len(t["columns"]) - 1 else ''))
    lines.append('      ]')
    lines.append('    }' + (',' if ti < len(out["tables"]) - 1 else ''))
lines += ['  ]', '}']
print("\n".join(lines))
