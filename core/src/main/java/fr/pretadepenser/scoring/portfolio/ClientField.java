package fr.pretadepenser.scoring.portfolio;

/**
 * One value of a client's application as a person reads it.
 *
 * @param column the application column, e.g. {@code DAYS_BIRTH}
 * @param label  its short label in the requested language, e.g. {@code Age}
 * @param unit   how the raw value reads: {@code days} (negative days before the application), {@code amount},
 *               {@code share}, {@code score}, {@code count}, {@code category}, {@code flag} (0/1 or Y/N) or
 *               {@code number}
 * @param raw    the stored value: a Long, a Double, a String, or null when the application leaves it empty
 * @param shown  the value written for people in the requested language: days as years (DAYS_EMPLOYED's 365243 as
 *               "not employed / retired"), amounts with grouping, flags as yes / no, a category by its label
 *               ({@code Working} as "Salarié" in French), empty as "not known"
 */
public record ClientField(String column, String label, String unit, Object raw, String shown) {
}
