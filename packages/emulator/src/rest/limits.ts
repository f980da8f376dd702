import type { EmulatorState } from '../state/emulator-state.js';

/** Salesforce's `/limits` keys with a Developer Edition's maximums. */
const MAXIMUMS: Array<[string, number]> = [
  ['ActiveScratchOrgs', 3],
  ['AnalyticsExternalDataSizeMB', 40960],
  ['ConcurrentAsyncGetReportInstances', 200],
  ['ConcurrentEinsteinDataInsightsStoryCreation', 5],
  ['ConcurrentEinsteinDiscoveryStoryCreation', 2],
  ['ConcurrentSyncReportRuns', 20],
  ['DailyAnalyticsDataflowJobExecutions', 60],
  ['DailyAnalyticsUploadedFilesSizeMB', 51200],
  ['DailyApiRequests', 15000],
  ['DailyAsyncApexExecutions', 250000],
  ['DailyAsyncApexTests', 500],
  ['DailyBulkApiBatches', 15000],
  ['DailyBulkV2QueryFileStorageMB', 976562],
  ['DailyBulkV2QueryJobs', 10000],
  ['DailyDeliveredPlatformEvents', 10000],
  ['DailyDurableGenericStreamingApiEvents', 10000],
  ['DailyDurableStreamingApiEvents', 10000],
  ['DailyEinsteinDataInsightsStoryCreation', 1000],
  ['DailyEinsteinDiscoveryPredictAPICalls', 50000],
  ['DailyEinsteinDiscoveryPredictionsByCDC', 500000],
  ['DailyEinsteinDiscoveryStoryCreation', 100],
  ['DailyFunctionsApiCallLimit', 235000],
  ['DailyGenericStreamingApiEvents', 10000],
  ['DailyScratchOrgs', 6],
  ['DailyStandardVolumePlatformEvents', 10000],
  ['DailyStreamingApiEvents', 10000],
  ['DailyWorkflowEmails', 405],
  ['DataStorageMB', 5],
  ['DurableStreamingApiConcurrentClients', 20],
  ['FileStorageMB', 20],
  ['HourlyAsyncReportRuns', 1200],
  ['HourlyDashboardRefreshes', 200],
  ['HourlyDashboardResults', 5000],
  ['HourlyDashboardStatuses', 999999999],
  ['HourlyLongTermIdMapping', 100000],
  ['HourlyManagedContentPublicRequests', 50000],
  ['HourlyODataCallout', 20000],
  ['HourlyPublishedPlatformEvents', 50000],
  ['HourlyPublishedStandardVolumePlatformEvents', 1000],
  ['HourlyShortTermIdMapping', 100000],
  ['HourlySyncReportRuns', 500],
  ['HourlyTimeBasedWorkflow', 50],
  ['MassEmail', 10],
  ['MonthlyEinsteinDiscoveryStoryCreation', 500],
  ['MonthlyPlatformEventsUsageEntitlement', 300000],
  ['Package2VersionCreates', 6],
  ['Package2VersionCreatesWithoutValidation', 500],
  ['PermissionTypes', 30000],
  ['PrivateConnectOutboundCalloutHourlyLimitMB', 0],
  ['PublishCallbackUsageInApex', 5242880],
  ['SingleEmail', 15],
  ['StreamingApiConcurrentClients', 20],
];

/** `/limits`: Salesforce's keys, `{ Max, Remaining }` each; API requests counted for real. */
export function limits(state: EmulatorState): Record<string, { Max: number; Remaining: number }> {
  const used: Record<string, number> = {
    DailyApiRequests: state.stats.apiRequests,
  };
  return Object.fromEntries(
    MAXIMUMS.map(([name, max]) => [
      name,
      { Max: max, Remaining: Math.max(0, max - (used[name] ?? 0)) },
    ]),
  );
}

/** The `Sforce-Limit-Info` header of every API answer: `api-usage=<used>/<daily max>`. */
export function apiUsage(state: EmulatorState): string {
  const max = MAXIMUMS.find(([name]) => name === 'DailyApiRequests')?.[1] ?? 15000;
  return `api-usage=${state.stats.apiRequests}/${max}`;
}
