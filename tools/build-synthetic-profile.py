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

Line format (tab separated): table, column, kind (cat|num), missing share, decimals, sentinel share, then pairs
(value, share) for cat or (probability, quantile) for num.
"""
import sys, math
import pandas as pd

real = sys.argv[1]
TABLES = ["application_train", "bureau", "bureau_balance", "previous_application", "POS_CASH_balance",
          "installments_payments", "credit_card_balance"]
PROBS = [0, .005, .01, .025, .05, .075] + [round(.1 + .05 * i, 3) for i in range(17)] + [.925, .95, .975, .99, .995, 1]
SENTINEL = 365243
# Real values too rare to appear in a few thousand rows, with their approximate share in the full Kaggle files.
RARE = {
    ("application_train", "CODE_GENDER"): {"XNA": 1.3e-5},
    ("application_train", "NAME_INCOME_TYPE"): {"Unemployed": 7e-5, "Student": 6e-5, "Businessman": 3e-5,
                                                "Maternity leave": 2e-5},
    ("application_train", "NAME_FAMILY_STATUS"): {"Unknown": 1e-5},
    ("application_train", "NAME_EDUCATION_TYPE"): {"Academic degree": 5e-4},
    ("application_train", "NAME_TYPE_SUITE"): {"Group of people": 9e-4, "Other_A": 2.8e-3},
    ("application_train", "NAME_HOUSING_TYPE"): {"Co-op apartment": 3.6e-3},
    ("application_train", "ORGANIZATION_TYPE"): {"Mobile": 1.0e-3, "Legal Services": 9.9e-4, "Industry: type 8": 7.8e-5},
    ("bureau", "CREDIT_ACTIVE"): {"Sold": 3.9e-3, "Bad debt": 1.2e-5},
    ("bureau", "CREDIT_CURRENCY"): {"currency 2": 7.3e-4, "currency 3": 1.0e-4, "currency 4": 6e-6},
    ("bureau", "CREDIT_TYPE"): {"Car loan": 1.6e-2, "Mortgage": 1.1e-2, "Microloan": 7.2e-3,
                                "Loan for business development": 1.2e-3, "Another type of loan": 6e-4,
                                "Unknown type of loan": 3.2e-4, "Loan for working capital replenishment": 2.7e-4,
                                "Cash loan (non-earmarked)": 3.3e-5, "Real estate loan": 1.6e-5,
                                "Loan for the purchase of equipment": 1.1e-5,
                                "Loan for purchase of shares (margin lending)": 2.3e-6, "Interbank credit": 6e-7,
                                "Mobile operator loan": 6e-7},
    ("bureau_balance", "STATUS"): {"1": 8.9e-3, "2": 8.6e-4, "3": 3.3e-4, "4": 2.1e-4, "5": 2.2e-3},
    ("previous_application", "NAME_CONTRACT_STATUS"): {"Unused offer": 1.6e-2},
    ("previous_application", "NAME_CONTRACT_TYPE"): {"XNA": 2e-4},
}


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
            for value, share in RARE.get((t, c), {}).items():
                if value not in shares:
                    shares[value] = share
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
