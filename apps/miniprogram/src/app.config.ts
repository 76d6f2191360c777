export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/bind/index',
    'pages/consent/index',
    'pages/report/index',
    'pages/status/index',
    'pages/help/index',
    'pages/update/index',
    'pages/policies/index',
    'pages/policy/index',
    'pages/selfcheck/index',
    'pages/settings/index',
    'pages/scan/index',
    'pages/messages/index',
  ],
  // Grid workers' flows load only for workers, keeping the main package small (WeChat: ≤ 2 MB).
  subPackages: [{ root: 'pages-worker', pages: ['home/index', 'households/index', 'household/index', 'collect/index', 'visit/index'] }],
  // 首页 / 政策 / 我的: the three places a resident returns to (WeChat and 适老化 guidelines: a visible way home).
  tabBar: {
    color: '#3a4250',
    selectedColor: '#1456c7',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/policies/index', text: '政策', iconPath: 'assets/tab/policy.png', selectedIconPath: 'assets/tab/policy-on.png' },
      { pagePath: 'pages/settings/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  window: {
    navigationBarTitleText: '政策找人',
    navigationBarBackgroundColor: '#1456c7',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'dark',
  },
  permission: { 'scope.userLocation': { desc: '入户核实时记录现场位置' } },
  requiredPrivateInfos: ['getLocation'],
});
