#!/usr/bin/python3
"""Builds synthetic/src/main/resources/fr/pretadepenser/scoring/synthetic/marginal-profile.tsv.

Run by hand when the shared reference material changes (needs pandas):
    /usr/bin/python3 tools/build-synthetic-profile.py /work/shared/data/real-sample \
        > synthetic/src/main/resources/fr/pretadepenser/scoring/synthetic/marginal-profile.tsv

Only rounded marginals leave the sample, never a row: per column its missing share, and either the shares of its
values (text columns by falling share, and numeric columns with few distinct values in increasing order, written
exactly as pandas writes them) or about
thirty quantile knots rounded to 4 significant digits. The synthetic generator interpolates linearly between knots.
Columns holding Kaggle's 365243 "no date" sentinel get its share apart, so that interpolation never bridges the gap.
Text columns list every category the schema gives them (base/.../homecredit-schema.json, the one list of categories):
the sample's share when the sample holds the category, else its share in the full Kaggle files (KAGGLE_COUNTS) raised
to a floor of FLOOR_ROWS rows in a demo data set of 30,000 clients.

Line format (tab separated): table, column, kind (cat|num), missing share, decimals, sentinel share, then pairs
(value, share) for cat or (probability, quantile) for num.
"""
import json, math, os, sys
import pandas as pd

real = sys.argv[1]
TABLES = ["application_train", "bureau", "bureau_balance", "previous_application", "POS_CASH_balance",
          "installments_payments", "credit_card_balance"]
PROBS = [0, .005, .01, .025, .05, .075] + [round(.1 + .05 * i, 3) for i in range(17)] + [.925, .95, .975, .99, .995, 1]
SENTINEL = 365243
# Every text column writes every category the schema lists (one source of truth). A category the sample lacks gets
# its count in the full Kaggle files below (value counts of the competition's files, as its public explorations
# report them), raised to a floor of FLOOR_ROWS rows in a demo data set, so that it shows up a few times there.
KAGGLE_ROWS = {"application_train": 307_511, "bureau": 1_716_428, "bureau_balance": 27_299_925,
               "previous_application": 1_670_214, "POS_CASH_balance": 10_001_358,
               "installments_payments": 13_605_401, "credit_card_balance": 3_840_312}
KAGGLE_CLIENTS = 356_255  # application_train + application_test, the clients the side tables describe
DEMO_TRAIN = 30_000  # the demo's training clients (scoring demo, bench data)
DEMO_CLIENTS = DEMO_TRAIN + round(DEMO_TRAIN * 48_744 / 307_511)  # with its application_test clients
FLOOR_ROWS = 3
KAGGLE_COUNTS = {
    # application_train.csv, 307,511 rows
    ("application_train", "CODE_GENDER"): {"XNA": 4},
    ("application_train", "NAME_INCOME_TYPE"): {"Unemployed": 22, "Student": 18, "Businessman": 10,
                                                "Maternity leave": 5},
    ("application_train", "NAME_FAMILY_STATUS"): {"Unknown": 2},
    ("application_train", "NAME_EDUCATION_TYPE"): {"Academic degree": 164},
    ("application_train", "NAME_TYPE_SUITE"): {"Group of people": 271, "Other_A": 866},
    ("application_train", "NAME_HOUSING_TYPE"): {"Co-op apartment": 1_122},
    ("application_train", "ORGANIZATION_TYPE"): {"Mobile": 317, "Legal Services": 305, "Industry: type 8": 24},
    # bureau.csv, 1,716,428 rows
    ("bureau", "CREDIT_ACTIVE"): {"Sold": 6_527, "Bad debt": 21},
    ("bureau", "CREDIT_CURRENCY"): {"currency 2": 1_224, "currency 3": 174, "currency 4": 10},
    ("bureau", "CREDIT_TYPE"): {"Car loan": 27_690, "Mortgage": 18_391, "Microloan": 12_413,
                                "Loan for business development": 1_975, "Another type of loan": 1_017,
                                "Unknown type of loan": 555, "Loan for working capital replenishment": 469,
                                "Cash loan (non-earmarked)": 56, "Real estate loan": 27,
                                "Loan for the purchase of equipment": 19,
                                "Loan for purchase of shares (margin lending)": 4, "Interbank credit": 1,
                                "Mobile operator loan": 1},
    # bureau_balance.csv, 27,299,925 rows
    ("bureau_balance", "STATUS"): {"1": 242_347, "2": 23_419, "3": 8_924, "4": 5_847, "5": 62_406},
    # previous_application.csv, 1,670,214 rows
    ("previous_application", "NAME_CONTRACT_STATUS"): {"Unused offer": 26_436},
    ("previous_application", "NAME_CONTRACT_TYPE"): {"XNA": 346},
    ("previous_application", "NAME_CASH_LOAN_PURPOSE"): {"Wedding / gift / holiday": 962,
                                                         "Business development": 426, "Hobby": 55,
                                                         "Money for a third person": 25,
                                                         "Refusal to name the goal": 15},
    ("previous_application", "CODE_REJECT_REASON"): {"SYSTEM": 717},
    ("previous_application", "NAME_GOODS_CATEGORY"): {"Additional Service": 128, "Weapon": 77, "Insurance": 64,
                                                      "House Construction": 1, "Animals": 1},
    ("previous_application", "NAME_SELLER_INDUSTRY"): {"Tourism": 513},
    # POS_CASH_balance.csv, 10,001,358 rows
    ("POS_CASH_balance", "NAME_CONTRACT_STATUS"): {"Amortized debt": 636, "Canceled": 15, "XNA": 2},
    # credit_card_balance.csv, 3,840,312 rows
    ("credit_card_balance", "NAME_CONTRACT_STATUS"): {"Refused": 17, "Approved": 5},
}
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                      "base/src/main/resources/fr/pretadepenser/scoring/schema/homecredit-schema.json")
CATEGORIES = {(t["name"], c["name"]): c["categories"]
              for t in json.load(open(SCHEMA))["tables"] for c in t["columns"] if c["type"] == "text"}


def demo_rows(table):
    """Rows of a table in a demo data set: the training clients, or the side rows of all its clients."""
    if table == "application_train":
        return DEMO_TRAIN
    return KAGGLE_ROWS[table] * DEMO_CLIENTS / KAGGLE_CLIENTS


def text_shares(table, column, sample, missing):
    """Shares of every schema category: the sample's, else the full files' with the floor (among present values)."""
    known = CATEGORIES[(table, column)]
    unknown = set(sample) - set(known)
    assert not unknown, f"{table}.{column}: sample values {sorted(unknown)} are not in the schema"
    floor = FLOOR_ROWS / (demo_rows(table) * (1 - missing))
    shares = dict(sample)
    for value in known:
        if value not in shares:
            count = KAGGLE_COUNTS.get((table, column), {}).get(value)
            assert count is not None, f"{table}.{column}: '{value}' is not in the sample; give its Kaggle count"
            shares[value] = max(count / KAGGLE_ROWS[table], floor)
    return shares


def sig(x, digits=4):
    if x == 0 or not math.isfinite(x):
        return 0.0
    return round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))


def decimals_of(raw):
    d = 0
    for s in raw:
        if "." in s:
            d = max(d, len(s.split(".")[1].rstrip("0")))
    return min(d, 6)


for t in TABLES:
    text = pd.read_csv(f"{real}/{t}.csv", dtype=str, keep_default_na=False)
    frame = pd.read_csv(f"{real}/{t}.csv", low_memory=False)
    for c in frame.columns:
        if c.startswith("SK_ID"):
            continue
        col, raw = frame[c], text[c]
        missing = float(col.isna().mean())
        present = raw[raw != ""]
        numeric = col.dtype != object
        sentinel = 0.0
        if numeric:
            values = col.dropna()
            if (values == SENTINEL).any():
                sentinel = float((values == SENTINEL).mean())
                values = values[values != SENTINEL]
                present = present[pd.to_numeric(present) != SENTINEL]
        if not numeric or present.nunique() <= 40:
            shares = present.value_counts(normalize=True) * (1 - sentinel)
            shares = {k: v for k, v in shares.items()}
            if not numeric:
                shares = text_shares(t, c, shares, missing)
            total = sum(shares.values())
            # Text values by falling share; numbers by value, so that equal quantiles give close values.
            order = (lambda kv: -kv[1]) if not numeric else (lambda kv: float(kv[0]))
            pairs = [(k, sig(v / total * (1 - sentinel), 4)) for k, v in sorted(shares.items(), key=order)]
            kind, decimals = "cat", 0
        else:
            qs = values.quantile(PROBS).to_numpy()
            decimals = decimals_of(present)
            pairs = [(p, sig(float(q))) for p, q in zip(PROBS, qs)]
            kind = "num"
        fields = [t, c, kind, f"{sig(missing, 3)}", str(decimals), f"{sig(sentinel, 3)}"]
        for a, b in pairs:
            fields += [str(a), repr(b)]
        print("\t".join(fields))
