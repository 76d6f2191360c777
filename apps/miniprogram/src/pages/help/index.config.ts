export default definePageConfig({ navigationBarTitleText: '我的救助', enablePullDownRefresh: true });
