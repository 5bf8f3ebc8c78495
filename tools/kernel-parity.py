#!/usr/bin/python3
"""Compares the project's feature table with the public Kaggle kernel "LightGBM with simple features",
re-implemented here in pandas as the kernel writes it, on the same Kaggle-layout files.

    ./scoring generate --out /tmp/d --clients 30000 && ./scoring ingest --data /tmp/d --db /tmp/d.duckdb
    ./scoring features --db /tmp/d.duckdb --out /tmp/features.csv
    /usr/bin/python3 tools/kernel-parity.py /tmp/d /tmp/features.csv

Needs Debian's python3-pandas. Exits 1 when a shared column differs beyond a relative 1e-9 (or 1e-9 absolute
below 1) or in which rows are missing, when a factorized code is not a one-to-one recoding, or when a kernel column
is missing from the project; `KernelParityTest` runs it in the build. Known, deliberate differences (reported, not counted as mismatches):
- CODE_GENDER, FLAG_OWN_CAR, FLAG_OWN_REALTY: the kernel's pd.factorize numbers categories in order of first
  appearance in the file; the project numbers them in sorted order, frozen in the manifest.
- A ratio with a zero denominator: infinity in the kernel, missing in the project.
- The kernel's `index` column (a row number from reset_index) is not a feature in the project.
"""
import sys
import numpy as np
import pandas as pd

data, features_csv = sys.argv[1], sys.argv[2]


def one_hot_encoder(df, nan_as_category=True):
    original_columns = list(df.columns)
    categorical_columns = [col for col in df.columns if df[col].dtype == 'object']
    df = pd.get_dummies(df, columns=categorical_columns, dummy_na=nan_as_category, dtype=np.uint8)
    new_columns = [c for c in df.columns if c not in original_columns]
    return df, new_columns


def application():
    df = pd.read_csv(f'{data}/application_train.csv')
    test_df = pd.read_csv(f'{data}/application_test.csv')
    df = pd.concat([df, test_df]).reset_index()
    for bin_feature in ['CODE_GENDER', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY']:
        df[bin_feature], uniques = pd.factorize(df[bin_feature])
    df, cat_cols = one_hot_encoder(df, False)
    df['DAYS_EMPLOYED'] = df['DAYS_EMPLOYED'].replace(365243, np.nan)
    df['DAYS_EMPLOYED_PERC'] = df['DAYS_EMPLOYED'] / df['DAYS_BIRTH']
    df['INCOME_CREDIT_PERC'] = df['AMT_INCOME_TOTAL'] / df['AMT_CREDIT']
    df['INCOME_PER_PERSON'] = df['AMT_INCOME_TOTAL'] / df['CNT_FAM_MEMBERS']
    df['ANNUITY_INCOME_PERC'] = df['AMT_ANNUITY'] / df['AMT_INCOME_TOTAL']
    df['PAYMENT_RATE'] = df['AMT_ANNUITY'] / df['AMT_CREDIT']
    return df.drop(columns=['index'])


def agg_named(df, aggregations, prefix):
    out = df.groupby('SK_ID_CURR').agg(aggregations)
    out.columns = pd.Index([prefix + e[0] + "_" + e[1].upper() for e in out.columns.tolist()])
    return out


def bureau_and_balance():
    bureau = pd.read_csv(f'{data}/bureau.csv')
    bb = pd.read_csv(f'{data}/bureau_balance.csv')
    bb, bb_cat = one_hot_encoder(bb, True)
    bureau, bureau_cat = one_hot_encoder(bureau, True)
    bb_aggregations = {'MONTHS_BALANCE': ['min', 'max', 'size']}
    for col in bb_cat:
        bb_aggregations[col] = ['mean']
    bb_agg = bb.groupby('SK_ID_BUREAU').agg(bb_aggregations)
    bb_agg.columns = pd.Index([e[0] + "_" + e[1].upper() for e in bb_agg.columns.tolist()])
    bureau = bureau.join(bb_agg, how='left', on='SK_ID_BUREAU')
    bureau.drop(['SK_ID_BUREAU'], axis=1, inplace=True)
    num = {'DAYS_CREDIT': ['min', 'max', 'mean', 'var'], 'DAYS_CREDIT_ENDDATE': ['min', 'max', 'mean'],
           'DAYS_CREDIT_UPDATE': ['mean'], 'CREDIT_DAY_OVERDUE': ['max', 'mean'],
           'AMT_CREDIT_MAX_OVERDUE': ['mean'], 'AMT_CREDIT_SUM': ['max', 'mean', 'sum'],
           'AMT_CREDIT_SUM_DEBT': ['max', 'mean', 'sum'], 'AMT_CREDIT_SUM_OVERDUE': ['mean'],
           'AMT_CREDIT_SUM_LIMIT': ['mean', 'sum'], 'AMT_ANNUITY': ['max', 'mean'], 'CNT_CREDIT_PROLONG': ['sum'],
           'MONTHS_BALANCE_MIN': ['min'], 'MONTHS_BALANCE_MAX': ['max'], 'MONTHS_BALANCE_SIZE': ['mean', 'sum']}
    cat = {c: ['mean'] for c in bureau_cat}
    for c in bb_cat:
        cat[c + "_MEAN"] = ['mean']
    out = agg_named(bureau, {**num, **cat}, 'BURO_')
    out = out.join(agg_named(bureau[bureau['CREDIT_ACTIVE_Active'] == 1], num, 'ACTIVE_'), how='left')
    out = out.join(agg_named(bureau[bureau['CREDIT_ACTIVE_Closed'] == 1], num, 'CLOSED_'), how='left')
    return out


def previous():
    prev = pd.read_csv(f'{data}/previous_application.csv')
    prev, cat_cols = one_hot_encoder(prev, True)
    for c in ['DAYS_FIRST_DRAWING', 'DAYS_FIRST_DUE', 'DAYS_LAST_DUE_1ST_VERSION', 'DAYS_LAST_DUE', 'DAYS_TERMINATION']:
        prev[c] = prev[c].replace(365243, np.nan)
    prev['APP_CREDIT_PERC'] = prev['AMT_APPLICATION'] / prev['AMT_CREDIT']
    num = {'AMT_ANNUITY': ['min', 'max', 'mean'], 'AMT_APPLICATION': ['min', 'max', 'mean'],
           'AMT_CREDIT': ['min', 'max', 'mean'], 'APP_CREDIT_PERC': ['min', 'max', 'mean', 'var'],
           'AMT_DOWN_PAYMENT': ['min', 'max', 'mean'], 'AMT_GOODS_PRICE': ['min', 'max', 'mean'],
           'HOUR_APPR_PROCESS_START': ['min', 'max', 'mean'], 'RATE_DOWN_PAYMENT': ['min', 'max', 'mean'],
           'DAYS_DECISION': ['min', 'max', 'mean'], 'CNT_PAYMENT': ['mean', 'sum']}
    cat = {c: ['mean'] for c in cat_cols}
    out = agg_named(prev, {**num, **cat}, 'PREV_')
    out = out.join(agg_named(prev[prev['NAME_CONTRACT_STATUS_Approved'] == 1], num, 'APPROVED_'), how='left')
    out = out.join(agg_named(prev[prev['NAME_CONTRACT_STATUS_Refused'] == 1], num, 'REFUSED_'), how='left')
    return out


def pos_cash():
    pos = pd.read_csv(f'{data}/POS_CASH_balance.csv')
    pos, cat_cols = one_hot_encoder(pos, True)
    aggregations = {'MONTHS_BALANCE': ['max', 'mean', 'size'], 'SK_DPD': ['max', 'mean'], 'SK_DPD_DEF': ['max', 'mean']}
    for c in cat_cols:
        aggregations[c] = ['mean']
    out = agg_named(pos, aggregations, 'POS_')
    out['POS_COUNT'] = pos.groupby('SK_ID_CURR').size()
    return out


def installments():
    ins = pd.read_csv(f'{data}/installments_payments.csv')
    ins, cat_cols = one_hot_encoder(ins, True)
    ins['PAYMENT_PERC'] = ins['AMT_PAYMENT'] / ins['AMT_INSTALMENT']
    ins['PAYMENT_DIFF'] = ins['AMT_INSTALMENT'] - ins['AMT_PAYMENT']
    ins['DPD'] = ins['DAYS_ENTRY_PAYMENT'] - ins['DAYS_INSTALMENT']
    ins['DBD'] = ins['DAYS_INSTALMENT'] - ins['DAYS_ENTRY_PAYMENT']
    ins['DPD'] = ins['DPD'].apply(lambda x: x if x > 0 else 0)
    ins['DBD'] = ins['DBD'].apply(lambda x: x if x > 0 else 0)
    aggregations = {'NUM_INSTALMENT_VERSION': ['nunique'], 'DPD': ['max', 'mean', 'sum'],
                    'DBD': ['max', 'mean', 'sum'], 'PAYMENT_PERC': ['max', 'mean', 'sum', 'var'],
                    'PAYMENT_DIFF': ['max', 'mean', 'sum', 'var'], 'AMT_INSTALMENT': ['max', 'mean', 'sum'],
                    'AMT_PAYMENT': ['min', 'max', 'mean', 'sum'], 'DAYS_ENTRY_PAYMENT': ['max', 'mean', 'sum']}
    for c in cat_cols:
        aggregations[c] = ['mean']
    out = agg_named(ins, aggregations, 'INSTAL_')
    out['INSTAL_COUNT'] = ins.groupby('SK_ID_CURR').size()
    return out


def credit_card():
    cc = pd.read_csv(f'{data}/credit_card_balance.csv')
    cc, cat_cols = one_hot_encoder(cc, True)
    cc.drop(['SK_ID_PREV'], axis=1, inplace=True)
    out = cc.groupby('SK_ID_CURR').agg(['min', 'max', 'mean', 'sum', 'var'])
    out.columns = pd.Index(['CC_' + e[0] + "_" + e[1].upper() for e in out.columns.tolist()])
    out['CC_COUNT'] = cc.groupby('SK_ID_CURR').size()
    return out


kernel = application()
for part in (bureau_and_balance, previous, pos_cash, installments, credit_card):
    kernel = kernel.join(part(), how='left', on='SK_ID_CURR')
kernel = kernel.set_index('SK_ID_CURR').sort_index().replace([np.inf, -np.inf], np.nan)
ours = pd.read_csv(features_csv).set_index('SK_ID_CURR').sort_index()

only_kernel = [c for c in kernel.columns if c not in ours.columns]
only_ours = [c for c in ours.columns if c not in kernel.columns]
print(f"kernel {kernel.shape[1]} columns, project {ours.shape[1]} columns (TARGET included in both)")
print(f"only in the kernel: {only_kernel}")
print(f"only in the project: {only_ours}")
factorized = {'CODE_GENDER', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY'}
bad = []
for c in [c for c in ours.columns if c in kernel.columns and c not in factorized]:
    a, b = kernel[c].astype(float).to_numpy(), ours[c].astype(float).to_numpy()
    nan_mismatch = int(np.sum(np.isnan(a) != np.isnan(b)))
    both = ~np.isnan(a) & ~np.isnan(b)
    rel = np.abs(a[both] - b[both]) / np.maximum(1.0, np.abs(a[both]))
    worst = float(rel.max()) if rel.size else 0.0
    if nan_mismatch or worst > 1e-9:
        bad.append((c, nan_mismatch, worst))
for c in sorted(factorized):
    same = (pd.crosstab(kernel[c], ours[c]) > 0).sum(axis=1).max() == 1
    print(f"{c}: one-to-one recoding of the kernel's codes: {same}")
print(f"columns compared: {len([c for c in ours.columns if c in kernel.columns]) - len(factorized)}, "
      f"mismatching: {len(bad)}")
for c, n, w in bad[:40]:
    print(f"  {c}: {n} missing-vs-present, worst relative difference {w:.3g}")
recoded = all((pd.crosstab(kernel[c], ours[c]) > 0).sum(axis=1).max() == 1 for c in factorized)
if bad or not recoded or only_kernel:
    print("FAILED: the project's features differ from the kernel's")
    sys.exit(1)
print("OK: the project's features equal the kernel's")
