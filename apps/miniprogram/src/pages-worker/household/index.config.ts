export default definePageConfig({ navigationBarTitleText: '家庭详情', enablePullDownRefresh: true });
