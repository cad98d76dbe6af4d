/* Versions and dates. */
#include "common.h"

START_TEST(version_parse_ok)
{
	policy_version v;

	ck_assert_int_eq(policy_version_parse(&v, "2.10"), 0);
	ck_assert_uint_eq(v.major, 2);
	ck_assert_uint_eq(v.minor, 10);
	ck_assert_int_eq(v.has_patch, 0);
	ck_assert_int_eq(policy_version_parse(&v, "0.1.7"), 0);
	ck_assert_uint_eq(v.patch, 7);
	ck_assert_int_eq(v.has_patch, 1);
}
END_TEST

START_TEST(version_parse_bad)
{
	static const char *const bad[] = {"",     "2",     "2.",   ".1",   "2.0.", "2.0.0.0",
					  "v2.0", "2.01",  "-1.0", "1.0a", "1..0", "1234567890.0",
					  "1.0 ", "../1.0"};
	policy_version v;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(policy_version_parse(&v, bad[i]) == POLICY_EINVALID, "accepted %s",
			      bad[i]);
		ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "MAJOR.MINOR"));
	}
}
END_TEST

START_TEST(version_order_is_numeric)
{
	policy_version a, b;

	ck_assert_int_eq(policy_version_parse(&a, "2.10"), 0);
	ck_assert_int_eq(policy_version_parse(&b, "2.9"), 0);
	ck_assert_int_gt(policy_version_cmp(&a, &b), 0);
	ck_assert_int_eq(policy_version_parse(&b, "2.10.0"), 0);
	ck_assert_int_eq(policy_version_cmp(&a, &b), 0);
	ck_assert_int_eq(policy_version_parse(&b, "2.10.1"), 0);
	ck_assert_int_lt(policy_version_cmp(&a, &b), 0);
	ck_assert_int_eq(policy_version_parse(&b, "10.0"), 0);
	ck_assert_int_lt(policy_version_cmp(&a, &b), 0);
}
END_TEST

START_TEST(date_parse_calendar)
{
	policy_date d;

	ck_assert_int_eq(policy_date_parse(&d, "2024-02-29"), 0);
	ck_assert_int_eq(d.day, 29);
	ck_assert_int_eq(policy_date_parse(&d, "2023-02-29"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2023-02-30"), POLICY_EINVALID);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "not a calendar date"));
	ck_assert_int_eq(policy_date_parse(&d, "2100-02-29"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2000-02-29"), 0);
	ck_assert_int_eq(policy_date_parse(&d, "2023-04-31"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2023-13-01"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2023-00-10"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2023-5-1"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "2023-05-01T00:00"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "May 1, 2023"), POLICY_EINVALID);
	ck_assert_int_eq(policy_date_parse(&d, "0000-01-01"), POLICY_EINVALID);
}
END_TEST

START_TEST(date_days_round_trip)
{
	policy_date d, e;
	char text[11];

	ck_assert_int_eq(policy_date_parse(&d, "1970-01-01"), 0);
	ck_assert_int_eq(policy_date_to_days(&d), 0);
	ck_assert_int_eq(policy_date_parse(&d, "2024-03-01"), 0);
	e = policy_date_from_days(policy_date_to_days(&d) - 1);
	policy_date_format(text, &e);
	ck_assert_str_eq(text, "2024-02-29");
	for (long day = -800000; day < 800000; day += 997) {
		e = policy_date_from_days(day);
		ck_assert_int_eq(policy_date_to_days(&e), day);
	}
	ck_assert_int_eq(policy_date_parse(&e, "2024-02-29"), 0);
	ck_assert_int_gt(policy_date_cmp(&d, &e), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("version");
	TCase *v = tcase_create("version");
	TCase *d = tcase_create("date");

	tcase_add_test(v, version_parse_ok);
	tcase_add_test(v, version_parse_bad);
	tcase_add_test(v, version_order_is_numeric);
	tcase_add_test(d, date_parse_calendar);
	tcase_add_test(d, date_days_round_trip);
	suite_add_tcase(s, v);
	suite_add_tcase(s, d);
	return run_suite(s);
}
