#!/usr/bin/env python3
"""Builds base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json.

Run by hand when the shared reference material changes:
    python3 tools/build-schema.py ../shared/data > base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json

Reads the exact Kaggle headers (column order), Kaggle's column descriptions, and the genuine sample rows,
only to decide each column's type the way the Kaggle files store it and to check that every text value they hold
is among the column's categories (listed below, from the full Kaggle files): a column written with a decimal point
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

# Every value each text (categorical) column takes in the full Kaggle files, from Kaggle's column descriptions and
# the genuine rows seen (the real sample holds a subset: rare values such as POS 'Signed' or 'Amortized debt' too).
# The request checks, the category policy (a known value never seen in training is scored as none of the column's
# categories, with a warning) and the generator read them from the schema.
DAYS=["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"]
SUITE=["Children","Family","Group of people","Other_A","Other_B","Spouse, partner","Unaccompanied"]
APP={
"NAME_CONTRACT_TYPE":["Cash loans","Revolving loans"],
"CODE_GENDER":["F","M","XNA"],
"FLAG_OWN_CAR":["N","Y"],"FLAG_OWN_REALTY":["N","Y"],
"NAME_TYPE_SUITE":SUITE,
"NAME_INCOME_TYPE":["Businessman","Commercial associate","Maternity leave","Pensioner","State servant","Student","Unemployed","Working"],
"NAME_EDUCATION_TYPE":["Academic degree","Higher education","Incomplete higher","Lower secondary","Secondary / secondary special"],
"NAME_FAMILY_STATUS":["Civil marriage","Married","Separated","Single / not married","Unknown","Widow"],
"NAME_HOUSING_TYPE":["Co-op apartment","House / apartment","Municipal apartment","Office apartment","Rented apartment","With parents"],
"OCCUPATION_TYPE":["Accountants","Cleaning staff","Cooking staff","Core staff","Drivers","HR staff","High skill tech staff","IT staff","Laborers","Low-skill Laborers","Managers","Medicine staff","Private service staff","Realty agents","Sales staff","Secretaries","Security staff","Waiters/barmen staff"],
"WEEKDAY_APPR_PROCESS_START":DAYS,
"ORGANIZATION_TYPE":["Advertising","Agriculture","Bank","Business Entity Type 1","Business Entity Type 2","Business Entity Type 3","Cleaning","Construction","Culture","Electricity","Emergency","Government","Hotel","Housing"]+[f"Industry: type {i}" for i in range(1,14)]+["Insurance","Kindergarten","Legal Services","Medicine","Military","Mobile","Other","Police","Postal","Realtor","Religion","Restaurant","School","Security","Security Ministries","Self-employed","Services","Telecom"]+[f"Trade: type {i}" for i in range(1,8)]+[f"Transport: type {i}" for i in range(1,5)]+["University","XNA"],
"FONDKAPREMONT_MODE":["not specified","org spec account","reg oper account","reg oper spec account"],
"HOUSETYPE_MODE":["block of flats","specific housing","terraced house"],
"WALLSMATERIAL_MODE":["Block","Mixed","Monolithic","Others","Panel","Stone, brick","Wooden"],
"EMERGENCYSTATE_MODE":["No","Yes"],
}
CATEGORIES = {
    "application_train": APP, "application_test": APP,
"bureau":{"CREDIT_ACTIVE":["Active","Bad debt","Closed","Sold"],
 "CREDIT_CURRENCY":[f"currency {i}" for i in range(1,5)],
 "CREDIT_TYPE":["Another type of loan","Car loan","Cash loan (non-earmarked)","Consumer credit","Credit card","Interbank credit","Loan for business development","Loan for purchase of shares (margin lending)","Loan for the purchase of equipment","Loan for working capital replenishment","Microloan","Mobile operator loan","Mortgage","Real estate loan","Unknown type of loan"]},
"bureau_balance":{"STATUS":["0","1","2","3","4","5","C","X"]},
"previous_application":{
 "NAME_CONTRACT_TYPE":["Cash loans","Consumer loans","Revolving loans","XNA"],
 "WEEKDAY_APPR_PROCESS_START":DAYS,
 "FLAG_LAST_APPL_PER_CONTRACT":["N","Y"],
 "NAME_CASH_LOAN_PURPOSE":["Building a house or an annex","Business development","Buying a garage","Buying a holiday home / land","Buying a home","Buying a new car","Buying a used car","Car repairs","Education","Everyday expenses","Furniture","Gasification / water supply","Hobby","Journey","Medicine","Money for a third person","Other","Payments on other loans","Purchase of electronic equipment","Refusal to name the goal","Repairs","Urgent needs","Wedding / gift / holiday","XAP","XNA"],
 "NAME_CONTRACT_STATUS":["Approved","Canceled","Refused","Unused offer"],
 "NAME_PAYMENT_TYPE":["Cash through the bank","Cashless from the account of the employer","Non-cash from your account","XNA"],
 "CODE_REJECT_REASON":["CLIENT","HC","LIMIT","SCO","SCOFR","SYSTEM","VERIF","XAP","XNA"],
 "NAME_TYPE_SUITE":SUITE,
 "NAME_CLIENT_TYPE":["New","Refreshed","Repeater","XNA"],
 "NAME_GOODS_CATEGORY":["Additional Service","Animals","Audio/Video","Auto Accessories","Clothing and Accessories","Computers","Construction Materials","Consumer Electronics","Direct Sales","Education","Fitness","Furniture","Gardening","Homewares","House Construction","Insurance","Jewelry","Medical Supplies","Medicine","Mobile","Office Appliances","Other","Photo / Cinema Equipment","Sport and Leisure","Tourism","Vehicles","Weapon","XNA"],
 "NAME_PORTFOLIO":["Cards","Cars","Cash","POS","XNA"],
 "NAME_PRODUCT_TYPE":["XNA","walk-in","x-sell"],
 "CHANNEL_TYPE":["AP+ (Cash loan)","Car dealer","Channel of corporate sales","Contact center","Country-wide","Credit and cash offices","Regional / Local","Stone"],
 "NAME_SELLER_INDUSTRY":["Auto technology","Clothing","Connectivity","Construction","Consumer electronics","Furniture","Industry","Jewelry","MLM partners","Tourism","XNA"],
 "NAME_YIELD_GROUP":["XNA","high","low_action","low_normal","middle"],
 "PRODUCT_COMBINATION":["Card Street","Card X-Sell","Cash","Cash Street: high","Cash Street: low","Cash Street: middle","Cash X-Sell: high","Cash X-Sell: low","Cash X-Sell: middle","POS household with interest","POS household without interest","POS industry with interest","POS industry without interest","POS mobile with interest","POS mobile without interest","POS other with interest","POS others without interest"]},
"POS_CASH_balance":{"NAME_CONTRACT_STATUS":["Active","Amortized debt","Approved","Canceled","Completed","Demand","Returned to the store","Signed","XNA"]},
"credit_card_balance":{"NAME_CONTRACT_STATUS":["Active","Approved","Completed","Demand","Refused","Sent proposal","Signed"]},
}


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
        if ctype == "text":
            known = CATEGORIES[name][col]
            sample = {r[i] for r in rows[1:] if r[i] != ""}
            assert sample <= set(known), (name, col, sorted(sample - set(known)))
            entry["categories"] = known
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
