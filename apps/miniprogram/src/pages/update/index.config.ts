export default definePageConfig({ navigationBarTitleText: '家里情况有变化' });
