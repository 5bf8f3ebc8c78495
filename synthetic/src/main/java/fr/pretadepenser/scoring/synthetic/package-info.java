/**
 * The synthetic Home Credit data: {@link fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator} writes the
 * eight Kaggle files for any number of clients, deterministically for a seed, with real category values, marginals
 * drawn from a rounded profile of genuine rows ({@code marginal-profile.tsv}, built by
 * {@code tools/build-synthetic-profile.py}), hand-written structure for linked columns, and a TARGET that depends on
 * what the side tables show (see {@code HiddenRiskModel}), so that the whole pipeline can run without the real data.
 */
package fr.pretadepenser.scoring.synthetic;
