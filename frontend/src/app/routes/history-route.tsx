import { PageTitle } from "@/components/page-title";
import { HistoryList } from "@/features/history/components/history-list";

export function HistoryRoute() {
  return (
    <div className="page">
      <PageTitle title="My history" />
      <p className="lead">
        The resumes this browser submitted. The list lives in this browser only; “Delete my data”
        removes the file, its text, the feedback and any cached review from our servers.
      </p>
      <HistoryList />
    </div>
  );
}
