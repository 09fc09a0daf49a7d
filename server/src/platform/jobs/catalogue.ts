// Every job and schedule of Huiyin: importing this file registers them (ADR 0004). A module adds
// its `jobs/<name>.job.ts` here, as app.ts lists the route plugins.
import '../audit/anchor.job.ts';
import '../search/reindex.job.ts';
import '../notify/deliver.job.ts';
import '../../modules/calendar/jobs/check-missing-year.job.ts';
import '../../modules/petitions/jobs/recompute-deadlines.job.ts';
import '../../modules/receptions/jobs/remind-leaders.job.ts';
import '../../modules/supervision/jobs/sweep.job.ts';
import '../../modules/petitions/duplicates/backfill.job.ts';
