#!/usr/bin/python3
"""Checks that generated Home Credit files carry the intended TARGET signal (needs pandas and numpy).

Usage: /usr/bin/python3 tools/check-synthetic-signal.py GENERATED_DIR

Prints the default rate, the held-out ROC AUC of a plain logistic regression on application columns only and on
application columns plus per-client aggregates of the side tables (late and underpaid installments, refused
previous applications, overdue bureau credits, late bureau months, POS months past due), and the default rate of
clients with and without each side-table sign. Reads only the generated files, never the real data.
"""
import sys, numpy as np, pandas as pd
d = sys.argv[1]
a = pd.read_csv(f'{d}/application_train.csv', low_memory=False)
print('rows', len(a), 'default rate', a.TARGET.mean())
X = pd.DataFrame({'id': a.SK_ID_CURR})
for c in ['EXT_SOURCE_1','EXT_SOURCE_2','EXT_SOURCE_3']:
    X[c] = a[c].fillna(a[c].mean()); X[c+'_na'] = a[c].isna()
X['age'] = a.DAYS_BIRTH; X['emp'] = a.DAYS_EMPLOYED.where(a.DAYS_EMPLOYED < 0, 0); X['pens'] = a.DAYS_EMPLOYED > 0
X['cti'] = np.log(a.AMT_CREDIT / a.AMT_INCOME_TOTAL); X['ati'] = a.AMT_ANNUITY / a.AMT_INCOME_TOTAL
X['male'] = a.CODE_GENDER == 'M'; X['edu'] = a.NAME_EDUCATION_TYPE.str.startswith(('Secondary','Lower'))
X['rr'] = a.REGION_RATING_CLIENT
app_cols = [c for c in X.columns if c != 'id']
ins = pd.read_csv(f'{d}/installments_payments.csv')
ins['late'] = ins.DAYS_ENTRY_PAYMENT > ins.DAYS_INSTALMENT; ins['under'] = ins.AMT_PAYMENT < ins.AMT_INSTALMENT
gi = ins.groupby('SK_ID_CURR').agg(late_n=('late','sum'), late_s=('late','mean'), under_s=('under','mean'))
pr = pd.read_csv(f'{d}/previous_application.csv', usecols=['SK_ID_CURR','NAME_CONTRACT_STATUS'])
pr['ref'] = pr.NAME_CONTRACT_STATUS == 'Refused'
gp = pr.groupby('SK_ID_CURR').agg(ref_n=('ref','sum'), ref_s=('ref','mean'))
b = pd.read_csv(f'{d}/bureau.csv', usecols=['SK_ID_CURR','SK_ID_BUREAU','AMT_CREDIT_SUM_OVERDUE'])
b['od'] = b.AMT_CREDIT_SUM_OVERDUE > 0
bb = pd.read_csv(f'{d}/bureau_balance.csv'); bb['lt'] = bb.STATUS.isin(['1','2','3','4','5'])
gbb = bb.groupby('SK_ID_BUREAU').agg(lt=('lt','sum'), n=('lt','size'))
b = b.join(gbb, on='SK_ID_BUREAU')
gb = b.groupby('SK_ID_CURR').agg(od=('od','sum'), bl=('lt','sum'), bn=('n','sum'))
gb['bls'] = gb.bl / gb.bn
pos = pd.read_csv(f'{d}/POS_CASH_balance.csv', usecols=['SK_ID_CURR','SK_DPD'])
gpos = (pos.SK_DPD > 0).groupby(pos.SK_ID_CURR).sum().rename('dpd')
for g in [gi, gp, gb[['od','bl','bls']], gpos]:
    X = X.join(g, on='id')
X = X.fillna(0)
X['late_n'] = np.log1p(X.late_n); X['ref_n'] = np.log1p(X.ref_n); X['bl'] = np.log1p(X.bl); X['dpd'] = np.log1p(X.dpd)
side_cols = [c for c in X.columns if c not in app_cols and c != 'id']
y = a.TARGET.to_numpy()
def auc(s, y):
    o = np.argsort(s); r = np.empty(len(s)); r[o] = np.arange(1, len(s) + 1)
    p = y.sum(); return (r[y == 1].sum() - p * (p + 1) / 2) / (p * (len(y) - p))
def fit(cols):
    M = X[cols].astype(float).to_numpy(); M = (M - M.mean(0)) / (M.std(0) + 1e-9); M = np.c_[np.ones(len(M)), M]
    n = int(len(M) * .7); w = np.zeros(M.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-M[:n] @ w)); H = M[:n].T @ (M[:n] * (p * (1 - p))[:, None]) + 1e-3 * np.eye(len(w))
        w -= np.linalg.solve(H, M[:n].T @ (p - y[:n]))
    return auc(M[n:] @ w, y[n:])
print('AUC application only', round(fit(app_cols), 4))
print('AUC with side tables', round(fit(app_cols + side_cols), 4))
for name, mask in [('late installment', X.late_n > 0), ('refused prev', X.ref_n > 0), ('bureau overdue', X.od > 0), ('bureau late month', X.bl > 0)]:
    print(f'{name}: share {mask.mean():.3f} rate with {y[mask].mean():.3f} without {y[~mask].mean():.3f}')
