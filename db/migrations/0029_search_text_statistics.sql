-- The planner's guess of how many users a search matches comes from search_text's histogram (issue 21). With the
-- default 101 bounds, a term one user in a thousand has reads as 10 matches or as 1,000, by whether ANALYZE's
-- sample put one of them on a bound; guessing 1,000, the page walks the names to find 25 that match and reads
-- nearly the whole workspace (100,000 users: 1.5 → 19.8 ms). 1,001 bounds resolve one user in a thousand.
-- The price: ANALYZE of users samples 300,000 rows instead of 30,000 (100,000 users: 0.38 → 0.94 s).
ALTER TABLE "users" ALTER COLUMN "search_text" SET STATISTICS 1000;
