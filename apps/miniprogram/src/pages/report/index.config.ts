export default definePageConfig({ navigationBarTitleText: '填报家庭情况' });
