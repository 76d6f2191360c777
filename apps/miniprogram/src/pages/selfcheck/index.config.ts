export default definePageConfig({ navigationBarTitleText: '自己测一测' });
