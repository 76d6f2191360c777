export default definePageConfig({ navigationBarTitleText: '网格内家庭', enablePullDownRefresh: true });
