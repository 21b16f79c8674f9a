import { PageTitle } from "@/components/page-title";
import { AdminDashboard } from "@/features/admin/components/admin-dashboard";

export function AdminRoute() {
  return (
    <div className="page">
      <PageTitle title="Admin" />
      <p className="lead">Queue health and the dead-letter queue.</p>
      <AdminDashboard />
    </div>
  );
}
