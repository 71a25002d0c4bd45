DROP TABLE feed_runs;
DROP TABLE feed_items;
DROP TABLE feeds;
