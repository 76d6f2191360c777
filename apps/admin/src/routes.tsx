import { lazy, type ReactNode } from 'react';
import { AuditOutlined, BookOutlined, CheckSquareOutlined, HomeOutlined } from '@ant-design/icons';
import {
  AlertOutlined,
  ApartmentOutlined,
  ControlOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ProfileOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Role } from '@zczr/domain';

/**
 * Every page of the console. The layout builds the side menu from this list (entries without a
 * `:param` in their path), filtered by the signed-in role; the router mounts all of them under
 * the basename `/admin`. Heavy pages are code-split with `React.lazy`.
 */
export interface AppRoute {
  /** Relative to `/admin`, e.g. `/households/:id`. */
  path: string;
  /** Chinese menu label and page title. */
  label: string;
  icon?: ReactNode;
  /** Roles that see the menu entry and may open the page. */
  roles: readonly Role[];
  element: ReactNode;
  /** Menu group (a sub-menu), e.g. '业务办理'. */
  group?: string;
  /** The page shows personal data: it carries a watermark with the viewer's name. */
  personalData?: boolean;
  /** Reached from the header (个人中心), not the side menu. */
  hideInMenu?: boolean;
}

/** Casework: the reviewers, who work on household files. */
export const REVIEWERS: readonly Role[] = ['street_reviewer', 'district_reviewer'];
/** District casework: population screening, department imports, rule drafting and publishing. */
export const DISTRICT_STAFF: readonly Role[] = ['district_reviewer'];
/** 三员分立: the system administrator (accounts, grids, dictionaries), security administrator, audit administrator. */
export const ACCOUNT_ADMINS: readonly Role[] = ['admin', 'security_admin'];

const ReviewPage = lazy(() => import('./features/review/ReviewPage'));
const DonePage = lazy(() => import('./features/review/DonePage'));
const HouseholdsPage = lazy(() => import('./features/households/HouseholdsPage'));
const HouseholdDetailPage = lazy(() => import('./features/households/HouseholdDetailPage'));
const PoliciesPage = lazy(() => import('./features/policies/PoliciesPage'));
const PolicyEditorPage = lazy(() => import('./features/policies/PolicyEditorPage'));
const ApprovalSettingsPage = lazy(() => import('./features/policies/ApprovalSettingsPage'));
const ParametersPage = lazy(() => import('./features/policies/ParametersPage'));

// Each page is its own chunk; the dashboard's brings echarts along.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const BoardPage = lazy(() => import('./features/board/BoardPage'));
const ScreeningPage = lazy(() => import('./features/screening/ScreeningPage'));
const ImportsPage = lazy(() => import('./features/imports/ImportsPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const GridsPage = lazy(() => import('./features/admin/GridsPage'));
const DictionariesPage = lazy(() => import('./features/admin/DictionariesPage'));
const AuditLogPage = lazy(() => import('./features/admin/AuditLogPage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));

export const routes: AppRoute[] = [
  { path: '/review', personalData: true, label: '审核工作台', icon: <AuditOutlined />, roles: REVIEWERS, element: <ReviewPage />, group: '业务办理' },
  { path: '/done', personalData: true, label: '已办', icon: <CheckSquareOutlined />, roles: REVIEWERS, element: <DonePage />, group: '业务办理' },
  { path: '/households', personalData: true, label: '家庭档案', icon: <HomeOutlined />, roles: REVIEWERS, element: <HouseholdsPage />, group: '业务办理' },
  { path: '/households/:id', personalData: true, label: '家庭详情', roles: REVIEWERS, element: <HouseholdDetailPage />, group: '业务办理' },
  { path: '/policies', label: '政策库', icon: <BookOutlined />, roles: REVIEWERS, element: <PoliciesPage />, group: '政策管理' },
  { path: '/policies/:code', label: '政策规则编辑', roles: REVIEWERS, element: <PolicyEditorPage />, group: '政策管理' },
  { path: '/parameters', label: '参数管理', icon: <ControlOutlined />, roles: REVIEWERS, element: <ParametersPage />, group: '政策管理' },
  {
    path: '/approval-settings',
    label: '审批设置',
    icon: <SafetyCertificateOutlined />,
    roles: REVIEWERS,
    element: <ApprovalSettingsPage />,
    group: '政策管理',
  },

  { path: '/dashboard', label: '数据看板', icon: <DashboardOutlined />, roles: REVIEWERS, element: <DashboardPage />, group: '监测分析' },
  { path: '/board', personalData: true, label: '预警与任务', icon: <AlertOutlined />, roles: REVIEWERS, element: <BoardPage />, group: '监测分析' },
  {
    path: '/screening',
    personalData: true,
    label: '人群筛查',
    icon: <RadarChartOutlined />,
    roles: DISTRICT_STAFF,
    element: <ScreeningPage />,
    group: '监测分析',
  },
  { path: '/imports', label: '部门数据导入', icon: <CloudUploadOutlined />, roles: DISTRICT_STAFF, element: <ImportsPage />, group: '监测分析' },
  { path: '/system/users', label: '用户管理', icon: <UserOutlined />, roles: ACCOUNT_ADMINS, element: <UsersPage />, group: '系统管理' },
  { path: '/system/grids', label: '网格与网格员', icon: <ApartmentOutlined />, roles: ['admin'], element: <GridsPage />, group: '系统管理' },
  {
    path: '/system/dictionaries',
    label: '数据字典',
    icon: <ProfileOutlined />,
    roles: ['admin', 'security_admin', 'audit_admin'],
    element: <DictionariesPage />,
    group: '系统管理',
  },
  { path: '/system/audit', label: '审计日志', icon: <SafetyCertificateOutlined />, roles: ['audit_admin'], element: <AuditLogPage />, group: '系统管理' },
  {
    path: '/profile',
    label: '个人中心',
    icon: <UserOutlined />,
    roles: ['street_reviewer', 'district_reviewer', 'admin', 'security_admin', 'audit_admin'],
    element: <ProfilePage />,
    hideInMenu: true,
  },
];

/** Where a role lands after signing in: the first menu entry it may open. */
export function homePathFor(role: Role): string {
  return routes.find((r) => r.roles.includes(role) && !r.path.includes(':') && !r.hideInMenu)?.path ?? '/';
}
